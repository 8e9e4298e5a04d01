import type { ClaimName } from '../../claims/claim';
import { CLAIMS } from '../../claims/index';
import type { ShrunkCase } from '../../cases/case-format';
import { makeCase } from '../../cases/make-case';
import { initialState, modelFor } from '../../run/initial-state';
import { run } from '../../run/runner';
import type { Scenario } from '../../run/scenario';
import type { Scheduler } from '../../schedulers/scheduler';
import type { Variant } from '../../variants/variant';
import { shortestSchedule } from '../kernel/shortest-schedule';

/**
 * The case for a shrunk property failure: rerun it to learn which claim
 * broke, search the scenario breadth-first for the shortest schedule that
 * breaks that claim, and build the case with where it came from.
 */
export function caseFromFailure(
  variant: Variant, sc: Scenario, scheduler: Scheduler, claims: readonly ClaimName[],
  origin: { strategy: ShrunkCase['origin']['strategy']; seed: number; path: string | null; runs: number },
): ShrunkCase | null {
  const m = modelFor(sc, variant);
  const r = run(m, initialState(m, sc), scheduler, { claims });
  if (r.violation === null) return null;
  const best = shortestSchedule(m, initialState(m, sc), CLAIMS[r.violation.claim]);
  const schedule = best.verdict === 'violated' && best.schedule.length < r.schedule.length ? best.schedule : r.schedule;
  const c = makeCase(variant, r.violation.claim, sc, schedule, {
    ...origin, msToFirstFailure: null, stepsBeforeShrinking: null, shortestSteps: best.verdict === 'violated' ? best.schedule.length : null,
  });
  if (c !== null) c.origin.stepsAfterShrinking = r.schedule.length;
  return c;
}
