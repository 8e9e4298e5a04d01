/**
 * Races the model has that the hunt's budget misses: each needs four threads
 * or two exact preemptions of the punch. The scenario is picked by hand from
 * the kernel history; the schedule is the breadth-first shortest one. Run
 * with `npx tsx scripts/hand-cases.ts` to (re)write their shrunk cases.
 */
import { RESULT_FILES } from '../src/results/result-files';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ClaimName } from '../src/claims/claim';
import { CLAIMS } from '../src/claims/index';
import { casePath, saveCase } from '../src/cases/case-store';
import { makeCase } from '../src/cases/make-case';
import { initialState, modelFor } from '../src/run/initial-state';
import type { Scenario } from '../src/run/scenario';
import { expectedMatrixSchema } from '../src/results/expected-matrix';
import { shortestSchedule } from '../src/search/kernel/shortest-schedule';
import { builtinVariant } from '../src/variants/resolve-variant';

const base = { blocksPerPage: 2, pages: 2, mount: 'data=writeback', layout: 'contiguous', cache: ['none', 'none'], punch: { start: 0, length: 2 } } as const;

export const HAND_CASES: Array<{ why: string; claim: ClaimName; scenario: Scenario }> = [
  {
    why: 'ext4-4.5: read(2) takes no lock, maps page 0 between T and RM; page_mkwrite keeps the stale buffers; writeback overwrites bar (ea3d7209ca01 closed faults only)',
    claim: 'bar-never-overwritten-by-foo',
    scenario: { ...base, variant: 'ext4-4.5', threads: [{ op: 'read', page: 0 }, { op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }] },
  },
  {
    why: "ext4-3.15: readahead's cached lookup of page 1 outlives both truncations; a later read returns the freed blocks' old data",
    claim: 'no-stale-data-after-fallocate',
    scenario: { ...base, variant: 'ext4-3.15', punch: { start: 2, length: 2 }, threads: [{ op: 'readahead', page: 0, count: 2 }, { op: 'read', page: 1 }] },
  },
  {
    why: "ext4-3.15: Jan Kara's race survives the second T: writeback of the faulted page lands in bar's block between RM and the second T",
    claim: 'bar-never-overwritten-by-foo',
    scenario: { ...base, variant: 'ext4-3.15', threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }] },
  },
  {
    why: "patlasov-v1: truncating after RM does not stop readahead's cached lookup; a later read returns old data",
    claim: 'no-stale-data-after-fallocate',
    scenario: { ...base, variant: 'patlasov-v1', punch: { start: 2, length: 2 }, threads: [{ op: 'readahead', page: 0, count: 2 }, { op: 'read', page: 1 }] },
  },
  {
    why: 'ext4-3.15 with one block a page: a write fault maps its new buffer between T and RM; writeback overwrites bar before the second T',
    claim: 'bar-never-overwritten-by-foo',
    scenario: { ...base, blocksPerPage: 1, variant: 'ext4-3.15', threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }] },
  },
];

const MATRIX = RESULT_FILES.expectedMatrix;
const matrix = expectedMatrixSchema.parse(JSON.parse(readFileSync(MATRIX, 'utf8')));

for (const { why, claim, scenario } of HAND_CASES) {
  const variant = builtinVariant(scenario.variant);
  const m = modelFor(scenario, variant);
  const best = shortestSchedule(m, initialState(m, scenario), CLAIMS[claim], { maxStates: 2_000_000 });
  if (best.verdict !== 'violated') {
    console.log(`${scenario.variant} ${claim}: ${best.verdict} after ${best.states} states (${why})`);
    continue;
  }
  const c = makeCase(variant, claim, scenario, best.schedule, {
    strategy: 'hand', seed: null, path: null, runs: null, msToFirstFailure: null, stepsBeforeShrinking: null,
    shortestSteps: best.schedule.length,
  });
  if (c === null) throw new Error('the shortest schedule must break the claim');
  console.log(`${casePath('shrunk-cases', c)}: ${saveCase('shrunk-cases', c)}, ${c.schedule.length} steps, ${best.states} states (${why})`);
  // A cell the hunt missed is still broken: record it, with this case, as found by hand.
  const cell = matrix.cells.find((x) => x.variant === scenario.variant && x.claim === claim && x.blocksPerPage === scenario.blocksPerPage);
  if (cell && cell.verdict === 'not-found') {
    Object.assign(cell, { verdict: 'violated', strategy: 'hand', seed: null, runs: 0, steps: c.schedule.length, case: casePath('shrunk-cases', c) });
  }
}
writeFileSync(MATRIX, `${JSON.stringify(matrix, null, 1)}\n`);
