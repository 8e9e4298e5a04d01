import type { ClaimName } from '../../claims/claim';
import { runScenario } from '../../run/run-scenario';
import type { Scenario } from '../../run/scenario';
import type { Variant } from '../../variants/variant';

/**
 * The last shrink: threads that take no step of the schedule are left out
 * of the scenario and the others renumbered (jbd2's, a system thread, is
 * never left out), so a case shows only the
 * threads of its race. Kept only when the smaller scenario fails the same
 * claim at the same step (a thread can matter without moving: a barWrite
 * thread's presence decides which logical block the next one writes).
 */
export function dropIdleThreads(
  variant: Variant, claim: ClaimName, sc: Scenario, schedule: readonly number[],
): { scenario: Scenario; schedule: number[] } {
  const used = new Set(schedule);
  const keep = sc.threads.map((_, i) => i + 1).filter((t) => used.has(t));
  if (keep.length === sc.threads.length) return { scenario: sc, schedule: [...schedule] };
  // jbd2's thread (data=ordered) comes after the scenario's threads: it moves down with them.
  const renumber = new Map([[0, 0], ...keep.map((t, k) => [t, k + 1] as const), [sc.threads.length + 1, keep.length + 1]]);
  const smaller: Scenario = { ...sc, threads: keep.map((t) => sc.threads[t - 1]) };
  const renamed = schedule.map((t) => renumber.get(t)!);
  const before = runScenario(sc, schedule, { variant, claims: [claim], strict: true });
  const after = runScenario(smaller, renamed, { variant, claims: [claim], strict: true });
  const same = after.violation !== null && before.violation !== null && after.violation.step === before.violation.step;
  return same ? { scenario: smaller, schedule: renamed } : { scenario: sc, schedule: [...schedule] };
}
