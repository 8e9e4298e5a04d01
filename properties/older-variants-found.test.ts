import _ from 'lodash';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casePath, saveCase } from '../src/cases/case-store';
import { loadCase } from '../src/cases/load-case';
import { CONCURRENT_OPS } from '../src/model/ops';
import { readExpectedMatrix } from '../src/results/expected-matrix';
import { HUNT_MIX, huntMix } from '../src/search/hunt/hunt-mix';
import { builtinVariant } from '../src/variants/resolve-variant';

/**
 * A cell the discovered matrix (properties/expected-matrix.json, written
 * by `npm run discover`) says the hunt broke must be broken again by the
 * hunt's strategy mix with the cell's seed, within the budget of runs
 * recorded there, as short as its scenario allows. It does not pin which
 * strategy found it or after how many runs: those follow fast-check's
 * random stream, which any change to an arbitrary moves. The case is saved (the same case is the same
 * file). The mix has no time limit here, so the result is the same on any
 * machine.
 */
const matrix = readExpectedMatrix();
const violated = matrix.cells.filter((c) => c.verdict === 'violated');
// Cells only the explorer, a hand-picked scenario or an earlier discovery found are left to the
// replay gate: the hunt does not find them within its budget.
const huntable = violated.filter((c) => c.strategy !== 'hand' && c.strategy !== 'explorer' && c.strategy !== 'earlier');
// To keep the gate within its minutes, one cell a row (variant, mount, geometry: the first the hunt broke),
// and no data=ordered row with two blocks a page, whose polish searches the largest families. Every other
// cell's case replays in the replay gate all the same, and `npm run discover` hunts them all.
const hunted = _.uniqBy(huntable.filter((c) => c.mount === 'data=writeback' || c.blocksPerPage === 1), (c) => `${c.variant} ${c.mount} ${c.blocksPerPage}`);

describe('the hunt finds every violated cell of the matrix', () => {
  it('has violated cells to check, and none on ext4-6.15 with one block a page (the explorer proves it holds there)', () => {
    expect(hunted.length).toBeGreaterThan(0);
    expect(violated.filter((c) => c.variant === 'ext4-6.15' && c.blocksPerPage === 1)).toEqual([]);
  });

  it.each(hunted.map((c) => [`${c.variant} ${c.mount} ${c.claim} B=${c.blocksPerPage}`, c] as const))('%s', (_label, c) => {
    const r = huntMix(
      { variant: builtinVariant(c.variant), claim: c.claim, blocksPerPage: c.blocksPerPage, mount: [c.mount], ops: CONCURRENT_OPS },
      { strategies: HUNT_MIX, seed: c.seed!, runs: matrix.budget.runsPerCell, maxStatesPerRun: matrix.budget.exhaustiveStates },
    );
    // What matters, not fast-check's stream: found within the budget, and the case as short as its scenario allows.
    // (Which strategy's turn found it, and in how many runs, change with any change to the arbitraries.)
    expect(r.found).toBe(true);
    expect(r.runs).toBeLessThanOrEqual(matrix.budget.runsPerCell);
    expect(r.case!.schedule.length).toBe(r.case!.origin.shortestSteps);
    // Saved where a test may write (never the committed corpus), so that the case is shown to be a valid, loadable file.
    const dir = mkdtempSync(join(tmpdir(), 'found-'));
    expect(saveCase(dir, r.case!)).toBe('written');
    expect(loadCase(casePath(dir, r.case!)).data.id).toBe(r.case!.id);
  });
});
