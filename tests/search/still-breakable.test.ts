import _ from 'lodash';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/claims/claims';
import { fooDeviceWriteStillPossible } from '../../src/claims/bar-never-overwritten-by-foo';
import { staleReadStillPossible } from '../../src/claims/no-stale-data-after-fallocate';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { isFinished, takeStep } from '../../src/model/step';
import { initialState, modelFor } from '../../src/run/initial-state';
import type { Scenario } from '../../src/run/scenario';
import { familyScenarios } from '../../src/search/family';
import { shortestSchedule } from '../../src/search/shortest-schedule';
import { builtinVariant } from '../../src/variants/resolve-variant';

const oneRead: Scenario = {
  variant: 'ext4-3.15', blocksPerPage: 1, pages: 1, reuse: 'immediate', cache: ['clean'], punch: { start: 0, length: 1 },
  threads: [{ op: 'read', page: 0 }, { op: 'writeback', page: 0 }],
};

describe('staleReadStillPossible', () => {
  const m = modelFor(oneRead, builtinVariant('ext4-3.15'));

  it('holds while a read has not started, and after it started once the punch had returned', () => {
    const s = initialState(m, oneRead);
    expect(staleReadStillPossible(s, m)).toBe(true);
    while (!isFinished(s, m, 0)) takeStep(s, m, 0); // the whole punch first
    takeStep(s, m, 1); // the read starts after fallocate returned: it will be judged
    expect(staleReadStillPossible(s, m)).toBe(true);
  });

  it('fails once the only read started before the punch returned: that read is never judged', () => {
    const s = initialState(m, oneRead);
    takeStep(s, m, 1);
    expect(staleReadStillPossible(s, m)).toBe(false);
  });

  it('fails once the only read finished (its result is final)', () => {
    const s = initialState(m, oneRead);
    while (!isFinished(s, m, 0)) takeStep(s, m, 0);
    while (!isFinished(s, m, 1)) takeStep(s, m, 1);
    expect(staleReadStillPossible(s, m)).toBe(false);
  });
});

describe('fooDeviceWriteStillPossible', () => {
  const sc: Scenario = {
    variant: 'ext4-3.15', blocksPerPage: 1, pages: 1, reuse: 'immediate', cache: ['dirty'], punch: { start: 0, length: 1 },
    threads: [{ op: 'barWrite' }, { op: 'writeback', page: 0 }, { op: 'dioRead', page: 0 }],
  };
  const m = modelFor(sc, builtinVariant('ext4-3.15'));
  const runToEnd = (s: ReturnType<typeof initialState>, i: number) => { while (!isFinished(s, m, i)) takeStep(s, m, i); };

  it('holds while the punch, writeback or a direct read (which flushes first) has yet to finish', () => {
    const s = initialState(m, sc);
    expect(fooDeviceWriteStillPossible(s, m)).toBe(true);
    runToEnd(s, 0);
    runToEnd(s, 2);
    expect(fooDeviceWriteStillPossible(s, m)).toBe(true); // the direct read has not run
  });

  it('fails once every thread that writes the device for foo has finished, even with bar yet to write', () => {
    const s = initialState(m, sc);
    for (const i of [0, 2, 3]) runToEnd(s, i);
    expect(isFinished(s, m, 1)).toBe(false);
    expect(fooDeviceWriteStillPossible(s, m)).toBe(false);
  });
});

describe('a search that stops expanding states where the claim can no longer break', () => {
  // One-page scenarios of three threads: every 9th, and every one with a mmap write and writeback (the stale-data races of MATRIX.md).
  const racy = (sc: Scenario) => sc.threads.some((t) => t.op === 'mmapWrite') && sc.threads.some((t) => t.op === 'writeback');
  const sample = (variant: string, blocksPerPage: 1 | 2) => [...familyScenarios({
    variant, blocksPerPage, pages: 1, reuse: 'immediate', ops: CONCURRENT_OPS, threads: 3,
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
      const full = shortestSchedule(m, initialState(m, sc), CLAIMS[claim], 40_000, undefined, null);
      const cut = shortestSchedule(m, initialState(m, sc), CLAIMS[claim], 40_000);
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
