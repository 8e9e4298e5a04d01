import { CLAIMS } from '../claims/claims';
import { CONCURRENT_OPS } from '../model/ops';
import { initialState, modelFor } from '../run/initial-state';
import type { Scenario } from '../run/scenario';
import { dropIdleThreads } from './drop-idle-threads';
import { fewestSwitches, switchesOf } from './fewest-switches';
import type { Cell } from './hunt-cell';
import { kernelSystem } from './kernel-system';
import { neighbourhoodShortest } from './neighbourhood-shortest';
import { shortestSchedule } from './shortest-schedule';

export interface Polished {
  readonly scenario: Scenario;
  readonly schedule: number[];
  /** The shortest length found (null if the scenario's own search found none, which cannot happen for a failing scenario). */
  readonly shortestSteps: number | null;
}

/**
 * Make a failing scenario and schedule as short and as plain as the hunt
 * can: the scenario's shortest breaking schedule (breadth-first), then a
 * hill-climb over its neighbours (other cache states, punch ranges and
 * threads), then among schedules of that length the one with the fewest
 * thread switches, then without the threads that never run. With `polish`
 * false only the idle threads go.
 */
export function polishCase(cell: Cell, sc: Scenario, found: number[], polish = true): Polished {
  let schedule = found;
  let scenario = sc;
  let shortestSteps: number | null = null;
  if (polish) {
    const m = modelFor(sc, cell.variant);
    const best = shortestSchedule(m, initialState(m, sc), CLAIMS[cell.claim]);
    if (best.verdict === 'violated') {
      shortestSteps = best.schedule.length;
      if (best.schedule.length < schedule.length) schedule = best.schedule;
    }
    const near = neighbourhoodShortest(cell.variant, cell.claim, sc, schedule, cell.ops ?? CONCURRENT_OPS);
    if (near.schedule.length < schedule.length) {
      scenario = near.scenario;
      schedule = near.schedule;
      shortestSteps = near.schedule.length;
    }
    // Among the schedules of that length, one with the fewest thread switches: the easiest to read.
    const sys = kernelSystem(cell.variant, [scenario], [cell.claim]);
    const fewest = fewestSwitches(sys, [...sys.starts()][0], schedule.length, 0);
    if (fewest !== null && switchesOf(fewest) < switchesOf(schedule)) schedule = fewest;
  }
  const trimmed = dropIdleThreads(cell.variant, cell.claim, scenario, schedule);
  return { scenario: trimmed.scenario, schedule: trimmed.schedule, shortestSteps };
}
