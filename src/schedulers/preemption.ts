import fc from 'fast-check';
import { continueOrFirst, type Scheduler, type Strategy } from './scheduler';

/** A context switch: after `after` more steps of the running thread, switch to thread `to`. */
export interface Preemption {
  readonly after: number;
  readonly to: number;
}

/** At most this many preemptions: the known races need four or five. */
const MAX_PREEMPTIONS = 6;
const MAX_GAP = 16;

/**
 * Preemption-bounded (Musuvathi and Qadeer, PLDI 2007): a run is
 * non-preemptive (a thread runs until it finishes or blocks, then the
 * lowest-numbered thread that can move goes on), and the plan lists only
 * the context switches. Shrinking removes switches and shortens gaps, so a
 * counterexample reads with the fewest thread switches there are.
 */
export const preemptionStrategy: Strategy<Preemption[]> = {
  name: 'preemption',
  plans: (threads) =>
    fc.array(fc.record({ after: fc.nat({ max: MAX_GAP }), to: fc.nat({ max: threads - 1 }) }), { maxLength: MAX_PREEMPTIONS }),
  scheduler: (plan) => preemptionScheduler(plan),
};

export function preemptionScheduler(plan: readonly Preemption[]): Scheduler {
  let next = 0; // the next preemption of the plan
  let countdown = plan.length > 0 ? plan[0].after : -1; // steps until it fires
  let current = 0;
  return {
    next(_step, _last, threads, canRun) {
      while (countdown === 0 && next < plan.length) {
        const to = plan[next].to % threads;
        if (canRun(to)) current = to;
        next++;
        countdown = next < plan.length ? plan[next].after : -1;
      }
      current = continueOrFirst(current, threads, canRun);
      if (countdown > 0) countdown--;
      return current;
    },
  };
}
