import { describe, expect, it } from 'vitest';
import { type ExpectedMatrix, keepEarlier, type MatrixCell, mergeExplored } from '../../src/results/expected-matrix';

const cell = (over: Partial<ExpectedMatrix['cells'][number]>): ExpectedMatrix['cells'][number] => ({
  variant: 'ext4-3.15', mount: 'data=ordered', claim: 'bar-never-overwritten-by-foo', blocksPerPage: 2, verdict: 'not-found',
  strategy: null, seed: null, runs: 0, steps: null, case: null, ...over,
});
const expected: ExpectedMatrix = {
  generatedBy: 'test', budget: { runsPerCell: 1, exhaustiveStates: 1, seed: 1 },
  cells: [
    cell({}),
    cell({ claim: 'no-page-maps-freed-block', verdict: 'violated', strategy: 'preemption', seed: 3, runs: 9, steps: 10, case: 'hunt.json' }),
    cell({ claim: 'no-stale-data-after-fallocate', verdict: 'violated', strategy: 'hand', steps: 20, case: 'hand.json' }),
    cell({ claim: 'no-lost-write' }),
  ],
};
const explored = [
  { variant: 'ext4-3.15', mount: 'data=ordered' as const, claim: 'bar-never-overwritten-by-foo', blocksPerPage: 2, verdict: 'violated' as const, shortestSteps: 16, case: 'x1.json' },
  { variant: 'ext4-3.15', mount: 'data=ordered' as const, claim: 'no-page-maps-freed-block', blocksPerPage: 2, verdict: 'violated' as const, shortestSteps: 10, case: 'x2.json' },
  { variant: 'ext4-3.15', mount: 'data=ordered' as const, claim: 'no-stale-data-after-fallocate', blocksPerPage: 2, verdict: 'violated' as const, shortestSteps: 27, case: 'x3.json' },
  { variant: 'ext4-3.15', mount: 'data=ordered' as const, claim: 'no-lost-write', blocksPerPage: 2, verdict: 'held' as const, shortestSteps: null, case: null },
];

describe('mergeExplored', () => {
  const merged = mergeExplored(expected, explored).cells;
  it('marks a cell the hunt missed as violated by the explorer, with its case', () => {
    expect(merged[0]).toMatchObject({ verdict: 'violated', strategy: 'explorer', steps: 16, case: 'x1.json' });
  });
  it('keeps the hunt where the hunt found it', () => {
    expect(merged[1]).toEqual(expected.cells[1]);
  });
  it('prefers the explorer to a hand-picked scenario', () => {
    expect(merged[2]).toMatchObject({ strategy: 'explorer', case: 'x3.json' });
  });
  it('leaves a cell the explorer proves held as not found', () => {
    expect(merged[3]).toEqual(expected.cells[3]);
  });
  it('never takes a finding of the other mount', () => {
    const other = mergeExplored(expected, explored.map((e) => ({ ...e, mount: 'data=writeback' as const }))).cells;
    expect(other[0]).toEqual(expected.cells[0]);
  });
});

describe('keepEarlier', () => {
  const matrix = (cells: MatrixCell[]): ExpectedMatrix => ({ generatedBy: 't', budget: { runsPerCell: 1, exhaustiveStates: 1, seed: 1 }, cells });
  const base = { variant: 'ext4-4.5', mount: 'data=ordered' as const, claim: 'bar-never-overwritten-by-foo' as const, blocksPerPage: 2 as const, seed: null, runs: 10 };
  it('keeps a race an earlier discovery found while its case exists, and only then', () => {
    const fresh = matrix([{ ...base, verdict: 'not-found', strategy: null, steps: null, case: null }]);
    const earlier = matrix([{ ...base, verdict: 'violated', strategy: 'preemption', seed: 7, steps: 25, case: 'c.json' }]);
    expect(keepEarlier(fresh, earlier, () => true).cells[0]).toMatchObject({ verdict: 'violated', strategy: 'earlier', seed: null, steps: 25, case: 'c.json', runs: 10 });
    expect(keepEarlier(fresh, earlier, () => false).cells[0]).toMatchObject({ verdict: 'not-found', case: null });
  });
  it('never replaces what this discovery found', () => {
    const fresh = matrix([{ ...base, verdict: 'violated', strategy: 'exhaustive', seed: 3, steps: 20, case: 'new.json' }]);
    const earlier = matrix([{ ...base, verdict: 'violated', strategy: 'preemption', seed: 7, steps: 25, case: 'c.json' }]);
    expect(keepEarlier(fresh, earlier, () => true).cells[0]).toMatchObject({ strategy: 'exhaustive', case: 'new.json' });
  });
});
