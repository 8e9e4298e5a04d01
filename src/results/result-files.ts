/**
 * The generated results, by the command that writes each. The JSON files
 * have a zod schema beside their reader (explored-matrix.ts,
 * expected-matrix.ts, mutants-table.ts); the Markdown files are their
 * readable form. Paths are relative to the repository, where the npm
 * scripts run.
 */
export const RESULT_FILES = {
  /** `npm run matrix`: every built-in era explored within bounds. */
  matrix: 'results/MATRIX.md',
  exploredMatrix: 'results/explored-matrix.json',
  /** `npm run discover`: what the hunt finds within a budget of runs (the explorer's finds folded in by `npm run matrix`). */
  expectedMatrix: 'results/expected-matrix.json',
  /** `npm run mutants`: what the explorer says about each mutant of today's design. */
  mutants: 'results/MUTANTS.md',
  mutantsTable: 'results/mutants.json',
  /** `npm run bench`, `npm run bench:hunt`: the hunt against fast-check's scheduler, and its strategies. */
  benchmarks: 'results/BENCHMARKS.md',
  benchmarksHunt: 'results/BENCHMARKS-HUNT.md',
} as const;
