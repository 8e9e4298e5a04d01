import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveCase } from '../src/cases/case-store';
import { expectedMatrixSchema } from '../src/search/expected-matrix';
import type { HuntStrategy } from '../src/schedulers/scheduler';
import { huntCell } from '../src/search/hunt-cell';
import { builtinVariant } from '../src/variants/resolve-variant';

/**
 * Every cell the discovered matrix (properties/expected-matrix.json, written
 * by `npm run discover`) says is violated must be found again by the hunt
 * with the strategy and seed recorded there, within the discovery budget,
 * and shrunk to no more steps than recorded. The case is saved (the same
 * case is the same file).
 */
const matrix = expectedMatrixSchema.parse(JSON.parse(readFileSync('properties/expected-matrix.json', 'utf8')));
const violated = matrix.cells.filter((c) => c.verdict === 'violated');
// Cells only the explorer or a hand-picked scenario found are left to the replay gate:
// the hunt does not find them within its budget.
const hunted = violated.filter((c) => c.strategy !== 'hand' && c.strategy !== 'explorer');

describe('the hunt finds every violated cell of the matrix', () => {
  it('has violated cells to check, and none on ext4-5.15', () => {
    expect(violated.length).toBeGreaterThan(0);
    expect(violated.filter((c) => c.variant === 'ext4-5.15')).toEqual([]);
  });

  it.each(hunted.map((c) => [`${c.variant} ${c.claim} B=${c.blocksPerPage}`, c] as const))('%s', (_label, c) => {
    const exhaustive = c.strategy === 'exhaustive';
    const budget = exhaustive ? matrix.budget.exhaustiveRuns : matrix.budget.schedulerRuns;
    const r = huntCell(
      { variant: builtinVariant(c.variant), claim: c.claim, blocksPerPage: c.blocksPerPage },
      { strategy: c.strategy as HuntStrategy, seed: c.seed!, runs: budget, maxStatesPerRun: matrix.budget.exhaustiveStates },
    );
    expect(r.found).toBe(true);
    expect(r.runs).toBeLessThanOrEqual(budget);
    expect(r.case!.schedule.length).toBeLessThanOrEqual(c.steps!);
    expect(r.case!.schedule.length).toBe(r.case!.origin.shortestSteps);
    expect(saveCase('shrunk-cases', r.case!)).not.toBe('conflict');
  });
});
