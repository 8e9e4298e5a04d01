import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pctScheduler } from '../../src/schedulers/pct';
import { preemptionScheduler } from '../../src/schedulers/preemption';
import { STRATEGIES } from '../../src/schedulers/strategies';
import { STRATEGY_NAMES } from '../../src/schedulers/scheduler';
import { initialState, modelFor } from '../../src/run/initial-state';
import { run } from '../../src/run/runner';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { scenario } from '../helpers';

const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 1 }, { op: 'barWrite' }] });
const m = modelFor(sc, builtinVariant(sc.variant));
const s0 = initialState(m, sc);
const runWith = (sched: Parameters<typeof run>[2]) => run(m, s0, sched, { claims: [] }).schedule;

describe('preemption-bounded scheduler', () => {
  it('with no preemption runs each thread to its end, lowest number first', () => {
    expect(runWith(preemptionScheduler([]))).toEqual([...Array(10).fill(0), ...Array(6).fill(1), 2, 2]);
  });

  it('switches after the given number of steps, then runs on without preemption', () => {
    const s = runWith(preemptionScheduler([{ after: 2, to: 2 }]));
    expect(s.slice(0, 4)).toEqual([0, 0, 2, 2]);
    expect(s.slice(4)).toEqual([...Array(8).fill(0), ...Array(6).fill(1)]);
  });
});

describe('PCT scheduler', () => {
  it('runs the highest priority first, ties to the lower thread number', () => {
    expect(runWith(pctScheduler({ priorities: [0, 0, 1], changePoints: [] })).slice(0, 3)).toEqual([2, 2, 0]);
  });

  it('demotes the thread that takes a change-point step below everyone', () => {
    const s = runWith(pctScheduler({ priorities: [0, 0, 0], changePoints: [2] }));
    expect(s.slice(0, 3)).toEqual([0, 0, 1]);
    expect(s.slice(2, 8)).toEqual(Array(6).fill(1));
  });
});

describe.each(STRATEGY_NAMES)('strategy %s', (name) => {
  it('makes a scheduler for every plan it generates, always picking a thread that can move', () => {
    const strategy = STRATEGIES[name];
    fc.assert(
      fc.property(strategy.plans(5), (plan) => {
        const r = run(m, s0, strategy.scheduler(plan), { claims: [] });
        return r.finished && !r.stuck;
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('shrinks its plans: every shrink of a plan is another plan', () => {
    const strategy = STRATEGIES[name];
    const arb = strategy.plans(5);
    const [plan] = fc.sample(arb, { seed: 3, numRuns: 1 });
    const shrinks = arb.shrink(plan, undefined).take(20);
    expect([...shrinks].length).toBeGreaterThan(0);
  });
});
