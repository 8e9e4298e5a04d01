import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * `npm test`: the fast tier, for the edit-test loop (about 20 s here): the
 * unit tests of the model, paths, claims, runner, schedulers, cases and
 * search. Left to `npm run test:all` (what CI runs, `bash .ci/run`): the
 * properties (hunts, explorations, the committed matrices and corpus), the
 * commands as processes, the browser test, the real kernel, and the three
 * search tests that explore whole families (symmetry, polish, still
 * breakable), the examples of a fix, a variant's own lock and lock regions, each
 * explored beside a built-in era, each era written with regions, and lock ownership
 * over every interleaving of two eras.
 */
// Not mergeConfig: it would add these lists to the base's instead of replacing them.
export default defineConfig({
  test: {
    ...base.test,
    include: ['tests/**/*.test.ts'],
    exclude: [
      'tests/cli/**', 'tests/kernel/**', 'tests/model/lock-ownership-eras.test.ts', 'tests/reports/timeline-html.browser.test.ts',
      'tests/search/explorer-symmetry.test.ts', 'tests/search/partitioned-bfs.test.ts', 'tests/search/polish-case.test.ts', 'tests/search/still-breakable.test.ts',
      'tests/variants/examples.test.ts', 'tests/variants/new-locks.test.ts', 'tests/variants/regions.test.ts', 'tests/variants/sites-as-regions.test.ts',
    ],
  },
});
