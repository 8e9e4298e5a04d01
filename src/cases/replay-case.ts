import { runScenario } from '../run/run-scenario';
import type { RunResult } from '../run/runner';
import { ScheduleError } from '../schedulers/replay';
import type { LoadedCase } from './load-case';

export interface ReplayOutcome {
  readonly reproduced: boolean;
  readonly claim: string;
  readonly steps: number;
  /** null when the model no longer allows the schedule. */
  readonly result: RunResult | null;
}

/**
 * Replay a case's schedule exactly on its variant: it reproduces when its
 * claim fails again at the same step. (A schedule the model no longer
 * allows is a ScheduleError: the case does not reproduce.)
 */
export function replayCase(c: LoadedCase): ReplayOutcome {
  let result: RunResult;
  try {
    result = runScenario(c.scenario, c.data.schedule, { variant: c.variant, claims: [c.data.claim], strict: true, trace: true });
  } catch (e) {
    if (e instanceof ScheduleError) return { reproduced: false, claim: c.data.claim, steps: e.index, result: null };
    throw e;
  }
  const v = result.violation;
  const reproduced = v !== null && v.claim === c.data.claim && v.step === c.data.violation.step;
  return { reproduced, claim: c.data.claim, steps: result.schedule.length, result };
}
