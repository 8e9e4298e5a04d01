import _ from 'lodash';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/claims/index';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { initialState, modelFor } from '../../src/run/initial-state';
import type { Scenario } from '../../src/run/scenario';
import { familyScenarios } from '../../src/search/explore/family';
import { shortestSchedule } from '../../src/search/kernel/shortest-schedule';
import { builtinVariant } from '../../src/variants/resolve-variant';

describe('a search that stops expanding states where the claim can no longer break', () => {
  // One-page contiguous scenarios of three threads: every 9th, and every one with a mmap write and writeback (the stale-data races of MATRIX.md).
  const racy = (sc: Scenario) => sc.threads.some((t) => t.op === 'mmapWrite') && sc.threads.some((t) => t.op === 'writeback');
  const sample = (variant: string, blocksPerPage: 1 | 2) => [...familyScenarios({
    variant, blocksPerPage, pages: 1, mount: 'data=writeback', ops: CONCURRENT_OPS, threads: 3, layouts: ['contiguous'],
  })].filter((sc, k) => sc.threads.length === 3 && (k % 9 === 0 || racy(sc)));

  it.each([
    ['ext4-3.15', 1, 'no-stale-data-after-fallocate'],
    ['patlasov-v1', 2, 'no-stale-data-after-fallocate'],
    ['ext4-3.15', 2, 'bar-never-overwritten-by-foo'],
  ] as const)('%s B=%i %s: same verdicts and schedules, fewer states', (variant, b, claim) => {
    const scenarios = sample(variant, b).filter((sc) => claim !== 'bar-never-overwritten-by-foo' || sc.threads.some((t) => t.op === 'barWrite'));
    let pruned = 0;
    let whole = 0;
    const verdicts: string[] = [];
    for (const sc of scenarios) {
      const m = modelFor(sc, builtinVariant(variant));
      const full = shortestSchedule(m, initialState(m, sc), CLAIMS[claim], { maxStates: 40_000, pruning: false });
      const cut = shortestSchedule(m, initialState(m, sc), CLAIMS[claim], { maxStates: 40_000 });
      verdicts.push(full.verdict);
      if (full.verdict === 'incomplete') continue; // the cut search may finish where the full one ran out
      expect(cut.verdict, JSON.stringify(sc)).toBe(full.verdict);
      if (full.verdict === 'violated' && cut.verdict === 'violated') expect(cut.schedule).toEqual(full.schedule);
      expect(cut.states).toBeLessThanOrEqual(full.states);
      pruned += cut.states;
      whole += full.states;
    }
    // The sample holds races as well as clean scenarios, so the comparison means something both ways.
    expect(_.countBy(verdicts)).toMatchObject({ violated: expect.any(Number), held: expect.any(Number) });
    expect(pruned).toBeLessThan(whole * (claim === 'bar-never-overwritten-by-foo' ? 0.99 : 0.8));
  });
});
