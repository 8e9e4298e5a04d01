import fc from 'fast-check';
import type { Scheduler, Strategy } from './scheduler';

/** A PCT plan: a priority per thread and the steps at which the running thread is demoted. */
export interface PctPlan {
  readonly priorities: readonly number[];
  readonly changePoints: readonly number[];
}

/** Depth d = changePoints + 1; races here need d of 3 to 5. */
const MAX_CHANGE_POINTS = 5;
const MAX_STEP = 48;

/**
 * PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi,
 * Nagarakatte, ASPLOS 2010): every thread gets a random priority and the
 * highest-priority thread that can move runs; at each of d-1 change points
 * k_1..k_{d-1} the thread that takes step k_i drops to priority i, below
 * every initial priority. Here priorities are small integers with ties
 * broken by the lower thread number, so fast-check can shrink them to zero
 * ("threads in order") and drop change points.
 */
export const pctStrategy: Strategy<PctPlan> = {
  name: 'pct',
  plans: (threads) =>
    fc.record({
      priorities: fc.array(fc.nat({ max: threads - 1 }), { minLength: threads, maxLength: threads }),
      changePoints: fc.uniqueArray(fc.integer({ min: 1, max: MAX_STEP }), { maxLength: MAX_CHANGE_POINTS }),
    }),
  scheduler: (plan) => pctScheduler(plan),
};

export function pctScheduler(plan: PctPlan): Scheduler {
  const changes = [...plan.changePoints].sort((a, b) => a - b);
  const depth = changes.length + 1;
  // Initial priorities sit above every demoted one (1..depth-1); a larger number runs first.
  const priority = plan.priorities.map((p, i) => depth + p * 64 + (63 - i));
  return {
    next(step, _last, threads, canRun) {
      let best = -1;
      for (let i = 0; i < threads; i++) {
        const pr = i < priority.length ? priority[i] : depth + (63 - i);
        if (canRun(i) && (best < 0 || pr > prio(best))) best = i;
      }
      const demote = changes.indexOf(step);
      if (best >= 0 && demote >= 0) priority[best] = demote + 1;
      return best;

      function prio(i: number): number {
        return i < priority.length ? priority[i] : depth + (63 - i);
      }
    },
  };
}
