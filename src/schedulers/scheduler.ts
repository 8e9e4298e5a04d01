import type fc from 'fast-check';

/**
 * The one nondeterministic choice in a run, behind one small interface (as
 * fast-check's TaskSelector and Shuttle's Scheduler): which thread takes the
 * next step. `canRun(i)` says whether thread i can move now. Return -1 when
 * none can. A scheduler is made fresh for each run from a plain-data plan.
 */
export interface Scheduler {
  next(step: number, last: number, threads: number, canRun: (thread: number) => boolean): number;
}

/**
 * A strategy: an arbitrary of plans (plain data that fast-check generates
 * and shrinks) and how to turn a plan into a scheduler.
 */
export interface Strategy<Plan> {
  readonly name: StrategyName;
  plans(threads: number): fc.Arbitrary<Plan>;
  scheduler(plan: Plan): Scheduler;
}

export const STRATEGY_NAMES = ['random', 'preemption', 'pct'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/**
 * How the hunt searches a cell: one of the schedulers above, drawing a plan
 * per run, or `exhaustive`, where fast-check draws only the scenario and
 * each run searches all of that scenario's interleavings breadth-first (up
 * to a bound of states), so a run costs more but misses no window.
 */
export const HUNT_STRATEGIES = [...STRATEGY_NAMES, 'exhaustive'] as const;
export type HuntStrategy = (typeof HUNT_STRATEGIES)[number];

/** Run `current` on while it can, else the lowest-numbered thread that can: no preemption. */
export function continueOrFirst(current: number, threads: number, canRun: (thread: number) => boolean): number {
  if (current >= 0 && current < threads && canRun(current)) return current;
  for (let i = 0; i < threads; i++) if (canRun(i)) return i;
  return -1;
}

/** `want` if it can run, else the next thread after it (cyclically) that can. */
export function wantOrNext(want: number, threads: number, canRun: (thread: number) => boolean): number {
  const start = ((want % threads) + threads) % threads;
  for (let d = 0; d < threads; d++) {
    const i = (start + d) % threads;
    if (canRun(i)) return i;
  }
  return -1;
}
