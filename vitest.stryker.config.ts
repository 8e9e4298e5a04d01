import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against mutants of the claims and the runner
 * (npm run mutation): the claims' and the runner's own tests, the runner's
 * determinism and the punch-alone runs. The slow properties (hunts,
 * explorations, CLIs in child processes) stay out: a mutant there would be
 * judged by minutes of hunting, and Stryker runs the tests once per mutant.
 */
export default defineConfig({
  test: {
    include: ['tests/claims/**/*.test.ts', 'tests/run/**/*.test.ts', 'tests/model/**/*.test.ts', 'tests/search/determinism-check.test.ts'],
    testTimeout: 60_000,
  },
});
