import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/arbitraries/scenario-arbitrary';
import { CLAIMS } from '../../src/claims/index';
import { initialState, modelFor } from '../../src/run/initial-state';
import { huntCell } from '../../src/search/hunt/hunt-cell';
import { shortestSchedule } from '../../src/search/kernel/shortest-schedule';
import { STRATEGY_NAMES } from '../../src/schedulers/scheduler';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { scenario } from '../helpers';

describe('scenarioArbitrary', () => {
  it('names itself and the bad constraint', () => {
    const base = { variant: 'ext4-5.15', blocksPerPage: 2 as const };
    expect(() => scenarioArbitrary({ ...base, maxThreads: 9 })).toThrow('scenarioArbitrary: maxThreads must be 0 to 4, got 9');
    expect(() => scenarioArbitrary({ ...base, pages: 0 })).toThrow('scenarioArbitrary: pages must be 1 to 4');
    expect(() => scenarioArbitrary({ ...base, blocksPerPage: 3 as 1 })).toThrow('scenarioArbitrary: blocksPerPage must be 1 or 2');
    expect(() => scenarioArbitrary({ ...base, ops: [] })).toThrow('scenarioArbitrary: ops must name at least one operation');
    expect(() => scenarioArbitrary({ ...base, ops: ['fsync' as 'read'] })).toThrow('scenarioArbitrary: unknown operation "fsync"');
    expect(() => scenarioArbitrary({ ...base, ops: ['read'], necessary: [['barWrite']] })).toThrow(/necessary set/);
  });
});

describe('shortestSchedule', () => {
  it('finds Jan Kara\'s race no longer than the hand-written 27 steps, and it replays', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }] });
    const m = modelFor(sc, builtinVariant(sc.variant));
    const r = shortestSchedule(m, initialState(m, sc), CLAIMS['bar-never-overwritten-by-foo']);
    expect(r.verdict).toBe('violated');
    if (r.verdict !== 'violated') return;
    expect(r.schedule.length).toBeLessThanOrEqual(27);
    // Shorter than the thread's version: page_mkwrite alone dirties the page (the store need not land), and
    // foo's writeback (its handle, the page, the handle stopped, the write) lands in block 0 once bar has
    // allocated it, before bar has even written it.
    expect(r.schedule).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 2, 3, 3, 3, 3]);
  });

  it('proves a small scenario clean on ext4-5.15: every reachable state checked', () => {
    const sc = scenario({ threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }] });
    const m = modelFor(sc, builtinVariant(sc.variant));
    const r = shortestSchedule(m, initialState(m, sc), CLAIMS['bar-never-overwritten-by-foo']);
    expect(r.verdict).toBe('held');
    expect(r.states).toBeGreaterThan(100);
  });

  it('says incomplete, never held, when cut short', () => {
    const sc = scenario({ threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }] });
    const m = modelFor(sc, builtinVariant(sc.variant));
    expect(shortestSchedule(m, initialState(m, sc), CLAIMS['bar-never-overwritten-by-foo'], { maxStates: 50 }).verdict).toBe('incomplete');
  });
});

describe('huntCell', () => {
  it.each(STRATEGY_NAMES)('with %s finds a readahead race on ext4-3.11; the case keeps the shortest schedule', (strategy) => {
    const r = huntCell(
      { variant: builtinVariant('ext4-3.11'), claim: 'no-page-maps-freed-block', blocksPerPage: 2 },
      { strategy, seed: 42, runs: 2000 },
    );
    expect(r.found).toBe(true);
    const origin = r.case!.origin;
    expect(r.case!.schedule.length).toBe(origin.shortestSteps);
    expect(origin.stepsAfterShrinking).toBeGreaterThanOrEqual(origin.shortestSteps!);
  });

  it('reports not found on ext4-5.15 within the budget', () => {
    const r = huntCell({ variant: builtinVariant('ext4-5.15'), claim: 'bar-never-overwritten-by-foo', blocksPerPage: 2 }, { strategy: 'preemption', seed: 1, runs: 300 });
    expect(r).toMatchObject({ found: false, runs: 300, case: null });
  });

  it('an exhaustive hunt does not search again a scenario it proved clean or gave up at the cap', () => {
    // 3.11 breaks other claims of the row, so each search tells of leads: a scenario searched again would tell again.
    const cell = { variant: builtinVariant('ext4-3.11'), claim: 'no-deadlock' as const, blocksPerPage: 1 as const, pages: 1, minThreads: 2, maxThreads: 2 };
    for (const maxStatesPerRun of [1_000, 100_000]) {
      const searched = new Set<string>();
      const leads: string[] = [];
      const opts = { strategy: 'exhaustive' as const, seed: 3, runs: 30, maxStatesPerRun, searched, onLead: (claim: string) => leads.push(claim) };
      expect(huntCell(cell, opts).found).toBe(false);
      expect(leads.length).toBeGreaterThan(0);
      // Scenarios given up at a small cap are kept under keys that name it; under a large one none is given up.
      expect([...searched].some((k) => k.endsWith(` cap ${maxStatesPerRun}`))).toBe(maxStatesPerRun === 1_000);
      const before = leads.length;
      huntCell(cell, opts);
      expect(leads.length).toBe(before);
      // A larger cap searches the given-up scenarios again.
      if (maxStatesPerRun === 2_000) {
        huntCell(cell, { ...opts, maxStatesPerRun: 2_001 });
        expect(leads.length).toBeGreaterThan(before);
      }
    }
  });

  it('is deterministic for a seed', () => {
    const cell = { variant: builtinVariant('ext4-3.11'), claim: 'no-stale-data-after-fallocate' as const, blocksPerPage: 1 as const };
    const a = huntCell(cell, { strategy: 'preemption', seed: 5, runs: 2000 });
    const b = huntCell(cell, { strategy: 'preemption', seed: 5, runs: 2000 });
    expect(b.runs).toBe(a.runs);
    expect(b.case?.id).toBe(a.case?.id);
  });
});
