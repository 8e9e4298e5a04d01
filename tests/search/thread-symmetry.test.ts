import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/claims/index';
import { G } from '../../src/model/layout';
import { statesEqual } from '../../src/model/state';
import { takeStep } from '../../src/model/step';
import { initialState, modelFor } from '../../src/run/initial-state';
import { runScenario } from '../../src/run/run-scenario';
import type { Scenario, ThreadSpec } from '../../src/run/scenario';
import { familyScenarios } from '../../src/search/explore/family';
import { shortestSchedule } from '../../src/search/kernel/shortest-schedule';
import { interchangeableThreads, sortInterchangeable } from '../../src/search/kernel/thread-symmetry';
import { builtinVariant } from '../../src/variants/resolve-variant';

const scenario = (threads: ThreadSpec[], pages = 1): Scenario => ({
  variant: 'ext4-4.5', blocksPerPage: 2, pages, mount: 'data=writeback', layout: 'contiguous', cache: Array(pages).fill('clean'), punch: { start: 0, length: 1 }, threads,
});
const groupsOf = (sc: Scenario) => {
  const m = modelFor(sc, builtinVariant(sc.variant));
  return interchangeableThreads(m, initialState(m, sc));
};

describe('interchangeable threads', () => {
  it('groups threads of the same operation and arguments that are named only in their own record', () => {
    expect(groupsOf(scenario([{ op: 'read', page: 0 }, { op: 'writeback', page: 0 }, { op: 'read', page: 0 }]))).toEqual([[1, 3]]);
    expect(groupsOf(scenario([{ op: 'dioRead', page: 0 }, { op: 'dioRead', page: 0 }, { op: 'dioRead', page: 0 }]))).toEqual([[1, 2, 3]]);
    expect(groupsOf(scenario([{ op: 'writeback', page: 0 }, { op: 'writeback', page: 0 }, { op: 'read', page: 0 }, { op: 'read', page: 0 }]))).toEqual([[1, 2], [3, 4]]);
  });

  it('keeps apart threads on other pages, and writers, whose data carries their number', () => {
    expect(groupsOf(scenario([{ op: 'read', page: 0 }, { op: 'read', page: 1 }], 2))).toEqual([]);
    expect(groupsOf(scenario([{ op: 'mmapWrite', page: 0 }, { op: 'mmapWrite', page: 0 }]))).toEqual([]);
    expect(groupsOf(scenario([{ op: 'barWrite', block: 0 }, { op: 'barWrite', block: 0 }]))).toEqual([]);
  });

  it('a state and its swap sort to the same state, the ghost that names a thread renamed with it', () => {
    const sc = scenario([{ op: 'dioRead', page: 0 }, { op: 'writeback', page: 0 }, { op: 'dioRead', page: 0 }]);
    const m = modelFor(sc, builtinVariant(sc.variant));
    const a = initialState(m, sc);
    const b = initialState(m, sc);
    takeStep(a, m, 1);
    takeStep(a, m, 1);
    takeStep(b, m, 3);
    takeStep(b, m, 3);
    a[G.FOO_WROTE_BAR_BY] = 2; // as if thread 1 had written a bar block
    b[G.FOO_WROTE_BAR_BY] = 4;
    expect(statesEqual(a, b)).toBe(false);
    sortInterchangeable(a, m);
    sortInterchangeable(b, m);
    expect(statesEqual(a, b)).toBe(true);
    // Threads 1 and 3 have swapped in one of the two, and the ghost with them.
    expect(a[G.FOO_WROTE_BAR_BY]).toBe(a[m.layout.thread(1) + 3] > 0 ? 2 : 4);
  });
});

describe('a search that merges swapped states', () => {
  it.each([
    ['ext4-4.5', 2, 'no-stale-data-after-fallocate'],
    ['ext4-3.11', 1, 'no-page-maps-freed-block'],
    ['ext4-3.11', 1, 'no-foreign-data-exposed'],
  ] as const)('%s B=%i %s: same verdicts and lengths as without, schedules that replay, fewer states', (variant, blocksPerPage, claim) => {
    const ops = ['read', 'dioRead', 'writeback', 'mmapWrite', 'barWrite'] as const;
    let merged = 0;
    let whole = 0;
    let racesWithGroups = 0;
    for (const sc of familyScenarios({ variant, blocksPerPage, pages: 1, mount: 'data=writeback', layouts: ['contiguous'], ops: [...ops], threads: 3 })) {
      if (sc.threads.length !== 3 || groupsOf(sc).length === 0) continue;
      const m = modelFor(sc, builtinVariant(variant));
      const plain = shortestSchedule(m, initialState(m, sc), CLAIMS[claim], { maxStates: 100_000, symmetry: false });
      const sym = shortestSchedule(m, initialState(m, sc), CLAIMS[claim], { maxStates: 100_000 });
      expect(sym.verdict, JSON.stringify(sc)).toBe(plain.verdict);
      if (plain.verdict === 'violated' && sym.verdict === 'violated') {
        racesWithGroups++;
        expect(sym.schedule.length).toBe(plain.schedule.length);
        const replayed = runScenario(sc, sym.schedule, { claims: [claim], strict: true });
        expect(replayed.violation?.step).toBe(sym.schedule.length);
      } else {
        merged += sym.states;
        whole += plain.states;
      }
    }
    expect(racesWithGroups).toBeGreaterThan(0);
    expect(merged).toBeLessThan(whole * 0.8);
  });
});
