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
    // decided-by.test.ts walks thousands of random schedules (2.4 s) and covers every claim, so Stryker
    // ran it for nearly every mutant: it took the run from about 2 to 5 minutes. It stays in `npm test`.
    exclude: ['tests/claims/decided-by.test.ts'],
    // Stryker runs these files once per mutant; without isolation a run reuses the modules already
    // loaded (a mutant is switched on at run time, not by reloading the code).
    isolate: false,
    testTimeout: 60_000,
  },
});
