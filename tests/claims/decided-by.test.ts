import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/arbitraries/scenario-arbitrary';
import { CLAIMS } from '../../src/claims/index';
import { T_OP } from '../../src/model/layout';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { isEnabled, takeStep } from '../../src/model/step';
import { initialState, modelFor } from '../../src/run/initial-state';
import { shortestSchedule } from '../../src/search/kernel/shortest-schedule';
import { builtinVariant } from '../../src/variants/resolve-variant';

// A claim's decidedBy: the operations whose steps alone can change a claim's verdict and its still-breakable test.
describe('decidedBy, step by step', () => {
  const claim = 'no-stale-data-after-fallocate';
  const { check, stillBreakable: breakable, decidedBy } = CLAIMS[claim] as Required<(typeof CLAIMS)[typeof claim]>;
  const cells = [['ext4-3.11', 1], ['patlasov-v1', 2], ['ext4-3.15', 1], ['ext4-3.15', 2], ['ext4-5.15', 2]] as const;

  it.each(cells)('%s B=%i: no step of another operation changes the stale-data claim or its still-breakable test', (variant, blocksPerPage) => {
    let changes = 0;
    let changesByDeciders = 0;
    const scenarios = scenarioArbitrary({ variant, blocksPerPage, necessary: CLAIMS[claim].needs, ops: CONCURRENT_OPS, pages: 1, minThreads: 3, maxThreads: 3 });
    fc.assert(fc.property(scenarios, fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), (sc, picks) => {
      const m = modelFor(sc, builtinVariant(variant));
      const s = initialState(m, sc);
      for (const pick of picks) {
        const enabled = [...Array(m.layout.threads).keys()].filter((i) => isEnabled(s, m, i));
        if (enabled.length === 0) break;
        const i = enabled[pick % enabled.length];
        const before = [check(s, m) === null, breakable(s, m)];
        const op = s[m.layout.thread(i) + T_OP];
        takeStep(s, m, i);
        const after = [check(s, m) === null, breakable(s, m)];
        if (after[0] !== before[0] || after[1] !== before[1]) {
          changes++;
          if (decidedBy.has(op)) changesByDeciders++;
        }
        if (!decidedBy.has(op)) expect(after, `${JSON.stringify(sc)} step of thread ${i}`).toEqual(before);
        if (!after[0]) break;
      }
    }), { seed: 20261125, numRuns: 300 });
    // The walks did meet changes, every one by a read's step: the test above had something to catch.
    expect(changes).toBeGreaterThan(0);
    expect(changesByDeciders).toBe(changes);
  });

  it('a search that skips the tests after other steps finds the same verdicts and schedules as one that does not skip', () => {
    // Without its decidedBy, the search tests every state.
    const everyState = { ...CLAIMS[claim], decidedBy: undefined };
    const sample = fc.sample(scenarioArbitrary({ variant: 'ext4-3.15', blocksPerPage: 2, necessary: CLAIMS[claim].needs, ops: ['mmapWrite', 'writeback', 'dioRead', 'read'], pages: 1, minThreads: 3, maxThreads: 3 }), { seed: 7, numRuns: 40 });
    const run = (c: (typeof CLAIMS)[typeof claim]) => sample.map((sc) => {
      const m = modelFor(sc, builtinVariant('ext4-3.15'));
      const r = shortestSchedule(m, initialState(m, sc), c, { maxStates: 20_000 });
      return r.verdict === 'violated' ? r.schedule : r.verdict;
    });
    const skipping = run(CLAIMS[claim]);
    expect(run(everyState)).toEqual(skipping);
    expect(skipping.some((r) => Array.isArray(r))).toBe(true);
    expect(skipping.some((r) => r === 'held')).toBe(true);
  });
});
