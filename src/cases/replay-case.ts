import { runScenario } from '../run/run-scenario';
import type { RunResult } from '../run/runner';
import { ScheduleError } from '../schedulers/replay';
import type { LoadedCase } from './load-case';

/**
 * reproduced: the claim fails again at the recorded step, with the recorded
 * message; mismatch: it fails there, but the replay explains it otherwise
 * than the file does (the file's words are not evidence); not-reproduced:
 * anything else.
 */
export type ReplayVerdict = 'reproduced' | 'mismatch' | 'not-reproduced';

export interface ReplayOutcome {
  readonly verdict: ReplayVerdict;
  readonly reproduced: boolean;
  readonly claim: string;
  readonly steps: number;
  /** What the replay says broke, in the claim's words; null when nothing broke. */
  readonly message: string | null;
  /** null when the model no longer allows the schedule. */
  readonly result: RunResult | null;
}

/**
 * Replay a case's schedule exactly on its variant. Only what the replay
 * produced is reported; the file's stored message is compared with it,
 * never shown in its place. (A schedule the model no longer allows is a
 * ScheduleError: the case does not reproduce.)
 */
export function replayCase(c: LoadedCase): ReplayOutcome {
  const claim = c.data.claim;
  let result: RunResult;
  try {
    result = runScenario(c.scenario, c.data.schedule, { variant: c.variant, claims: [claim], strict: true, trace: true });
  } catch (e) {
    if (e instanceof ScheduleError) return { verdict: 'not-reproduced', reproduced: false, claim, steps: e.index, message: null, result: null };
    throw e;
  }
  const v = result.violation;
  const same = v !== null && v.claim === claim && v.step === c.data.violation.step;
  const verdict: ReplayVerdict = !same ? 'not-reproduced' : v.message === c.data.violation.message ? 'reproduced' : 'mismatch';
  return { verdict, reproduced: verdict === 'reproduced', claim, steps: result.schedule.length, message: v?.message ?? null, result };
}
