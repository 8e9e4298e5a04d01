import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'properties/**/*.test.ts'],
    testTimeout: 60_000,
    // One module graph for all files, not one a file: loading the harness again for each of 60 files
    // cost about a minute of the gate. The tests share no mutable module state (each makes its own
    // models, directories and processes), and they pass the same either way.
    isolate: false,
  },
});
