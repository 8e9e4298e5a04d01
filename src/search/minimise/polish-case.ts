import { CLAIMS } from '../../claims/index';
import { CONCURRENT_OPS } from '../../model/ops';
import { initialState, modelFor } from '../../run/initial-state';
import type { Scenario } from '../../run/scenario';
import { MOUNTS } from '../../model/mount';
import { MAX_THREADS } from '../../model/geometry';
import { dropIdleThreads } from './drop-idle-threads';
import { fewThreadShortest } from './few-thread-shortest';
import { bfs } from '../engine/bfs';
import { switchesOf } from '../engine/schedules';
import type { Cell } from '../hunt/hunt-cell';
import { kernelSystem } from '../kernel/kernel-system';
import { neighbourhoodShortest } from './neighbourhood-shortest';
import { shortestSchedule } from '../kernel/shortest-schedule';
import { simplerScenarios } from './simpler-scenarios';

export interface Polished {
  readonly scenario: Scenario;
  readonly schedule: number[];
  /** The shortest length found (null if the scenario's own search found none, which cannot happen for a failing scenario). */
  readonly shortestSteps: number | null;
}

/**
 * Make a failing scenario and schedule as short and as plain as the hunt
 * can: the scenario's shortest breaking schedule (breadth-first); a plainer
 * scenario (one page, immediate mount) when it breaks the claim in no more
 * steps; a hill-climb over its neighbours (other cache states, punch ranges
 * and threads); the shortest race of every one-page scenario of two threads
 * when it is shorter; a climb from the best, with a last look at two
 * changes at a time where it sticks; then among schedules of that
 * length the one with the fewest thread switches, then without the threads
 * that never run. With `polish` false only the idle threads go.
 */
export function polishCase(cell: Cell, sc: Scenario, found: number[], polish = true): Polished {
  let schedule = found;
  let scenario = sc;
  let shortestSteps: number | null = null;
  if (polish) {
    const shortestOf = (s: Scenario): number[] | null => {
      const m = modelFor(s, cell.variant);
      const r = shortestSchedule(m, initialState(m, s), CLAIMS[cell.claim]);
      return r.verdict === 'violated' ? r.schedule : null;
    };
    const own = shortestOf(sc);
    if (own !== null) {
      shortestSteps = own.length;
      if (own.length < schedule.length) schedule = own;
    }
    for (const plainer of simplerScenarios(scenario, cell.mount ?? MOUNTS)) {
      const s = shortestOf(plainer);
      if (s !== null && s.length <= schedule.length) {
        scenario = plainer;
        schedule = s;
        break;
      }
    }
    const ops = cell.ops ?? CONCURRENT_OPS;
    const climb = (from: Scenario, steps: number[], wide: boolean): void => {
      const near = neighbourhoodShortest(cell.variant, cell.claim, from, steps, ops, { wide });
      scenario = near.scenario;
      schedule = near.schedule;
    };
    climb(scenario, schedule, false);
    const few = fewThreadShortest(cell.variant, cell.claim, sc.blocksPerPage, scenario.mount, ops, cell.maxThreads ?? MAX_THREADS - 1, schedule.length);
    climb(few?.scenario ?? scenario, few?.schedule ?? schedule, true);
    if (shortestSteps === null || schedule.length < shortestSteps) shortestSteps = schedule.length;
    // Among the schedules of that length, one with the fewest thread switches: the easiest to read.
    const fewest = bfs(kernelSystem(cell.variant, [scenario], [cell.claim]), { maxDepth: schedule.length, fewestSwitches: true }).outcomes[0].schedule;
    if (fewest !== null && fewest.length <= schedule.length && switchesOf(fewest) < switchesOf(schedule)) schedule = fewest;
  }
  const trimmed = dropIdleThreads(cell.variant, cell.claim, scenario, schedule);
  return { scenario: trimmed.scenario, schedule: trimmed.schedule, shortestSteps };
}
