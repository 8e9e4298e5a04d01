import { continueOrFirst, type Scheduler, wantOrNext } from './scheduler';

/** A schedule that names a thread that cannot take the step, in strict replay. */
export class ScheduleError extends Error {
  constructor(
    readonly index: number,
    readonly problem: string,
  ) {
    super(`schedule.${index}: ${problem}`);
  }
}

/**
 * Replay an explicit list: entry k is the thread that takes step k+1. In
 * lenient mode a thread that cannot move is replaced by the next that can;
 * in strict mode that is a ScheduleError. Past the end of the list the run
 * is non-preemptive.
 */
export function replayScheduler(schedule: readonly number[], strict: boolean): Scheduler {
  return {
    next(step, last, threads, canRun) {
      const k = step - 1;
      if (k >= schedule.length) return continueOrFirst(last, threads, canRun);
      const want = schedule[k];
      if (!strict) return wantOrNext(want, threads, canRun);
      if (!Number.isInteger(want) || want < 0 || want >= threads) {
        throw new ScheduleError(k, `thread ${want} does not exist (threads 0..${threads - 1})`);
      }
      if (!canRun(want)) throw new ScheduleError(k, `thread ${want} cannot take a step here`);
      return want;
    },
  };
}
