import fc from 'fast-check';
import { NECESSARY_OPS } from '../arbitraries/necessary-ops';
import { scenarioArbitrary, type ScenarioConstraints } from '../arbitraries/scenario-arbitrary';
import type { ClaimName } from '../claims/claim';
import { CLAIMS } from '../claims/claims';
import { makeCase } from '../cases/make-case';
import type { ShrunkCase } from '../cases/case-format';
import { MAX_THREADS } from '../model/geometry';
import { CONCURRENT_OPS } from '../model/ops';
import { initialState, modelFor } from '../run/initial-state';
import { run } from '../run/runner';
import type { Scenario } from '../run/scenario';
import type { HuntStrategy } from '../schedulers/scheduler';
import { STRATEGIES } from '../schedulers/strategies';
import type { Variant } from '../variants/variant';
import { dropIdleThreads } from './drop-idle-threads';
import { fewestSwitches, switchesOf } from './fewest-switches';
import { kernelSystem } from './kernel-system';
import { neighbourhoodShortest } from './neighbourhood-shortest';
import { shortestSchedule } from './shortest-schedule';

export interface Cell extends Omit<ScenarioConstraints, 'variant'> {
  readonly variant: Variant;
  readonly claim: ClaimName;
}

export interface HuntOptions {
  readonly strategy: HuntStrategy;
  readonly seed: number;
  /** Runs before giving up (the budget). */
  readonly runs: number;
  /** Also stop after this many milliseconds, if given. */
  readonly budgetMs?: number;
  /** Search the shrunk scenario breadth-first for the shortest schedule; default true. */
  readonly polish?: boolean;
  /** States one exhaustive run may visit; default 30,000. */
  readonly maxStatesPerRun?: number;
  /**
   * Scenarios an exhaustive run proved clean, as canonical keys: shared by
   * the turns of a mix so a scenario drawn again is not searched again.
   */
  readonly provedClean?: Set<string>;
}

export interface HuntResult {
  readonly found: boolean;
  /** Runs up to and including the first failure, or all runs made. */
  readonly runs: number;
  readonly msToFirstFailure: number | null;
  readonly case: ShrunkCase | null;
}

/** What one run found: the schedule that broke the claim, or null. */
type Attempt = (sc: Scenario, plan: unknown) => number[] | null;

/**
 * Hunt one cell (variant, claim, geometry). fast-check draws a scenario and,
 * for the scheduler strategies, a plan; a run that breaks the claim is a
 * failure, and fast-check shrinks scenario and plan together. The shrunk
 * scenario is then searched breadth-first for its shortest breaking
 * schedule, and then its neighbours (other cache states, punch ranges and
 * threads), hill-climbing; the case keeps the shortest and records both
 * fast-check's length and that one.
 */
export function huntCell(cell: Cell, opts: HuntOptions): HuntResult {
  const check = CLAIMS[cell.claim];
  const scenarios = scenarioArbitrary({ necessary: NECESSARY_OPS[cell.claim], ...cell, variant: cell.variant.name });
  const maxStates = opts.maxStatesPerRun ?? 30_000;
  let attempt: Attempt;
  let plans: fc.Arbitrary<unknown>;
  if (opts.strategy === 'exhaustive') {
    plans = fc.constant(null);
    const clean = opts.provedClean ?? new Set<string>();
    attempt = (sc) => {
      const key = scenarioKey(sc);
      if (clean.has(key)) return null;
      const m = modelFor(sc, cell.variant);
      const r = shortestSchedule(m, initialState(m, sc), check, maxStates);
      if (r.verdict === 'held') clean.add(key);
      return r.verdict === 'violated' ? r.schedule : null;
    };
  } else {
    const strategy = STRATEGIES[opts.strategy];
    plans = strategy.plans(MAX_THREADS);
    attempt = (sc, plan) => {
      const m = modelFor(sc, cell.variant);
      const r = run(m, initialState(m, sc), strategy.scheduler(plan), { claims: [cell.claim] });
      return r.violation === null ? null : r.schedule;
    };
  }

  const start = performance.now();
  let firstFailureMs: number | null = null;
  let stepsBefore: number | null = null;
  const property = fc.property(scenarios, plans, (sc, plan) => {
    const broke = attempt(sc, plan);
    if (broke !== null && firstFailureMs === null) {
      firstFailureMs = performance.now() - start;
      stepsBefore = broke.length;
    }
    return broke === null;
  });
  const details = fc.check(property, { seed: opts.seed, numRuns: opts.runs, interruptAfterTimeLimit: opts.budgetMs, markInterruptAsFailure: false });
  if (!details.failed || details.counterexample === null) {
    return { found: false, runs: details.numRuns, msToFirstFailure: null, case: null };
  }
  const [sc, plan] = details.counterexample;
  let schedule = attempt(sc, plan) ?? [];
  const shrunkSteps = schedule.length;
  let shortestSteps: number | null = null;
  let scenario = sc;
  if (opts.polish !== false) {
    const m = modelFor(sc, cell.variant);
    const best = shortestSchedule(m, initialState(m, sc), check);
    if (best.verdict === 'violated') {
      shortestSteps = best.schedule.length;
      if (best.schedule.length < schedule.length) schedule = best.schedule;
    }
    // Then the scenarios next to it (other cache states, punch ranges and threads), searched together.
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
  const found = makeCase(cell.variant, cell.claim, trimmed.scenario, trimmed.schedule, {
    strategy: opts.strategy,
    seed: details.seed,
    path: details.counterexamplePath,
    runs: details.numRuns,
    msToFirstFailure: firstFailureMs === null ? null : Math.round(firstFailureMs * 100) / 100,
    stepsBeforeShrinking: stepsBefore,
    shortestSteps,
  });
  if (found !== null && shrunkSteps !== schedule.length) found.origin.stepsAfterShrinking = shrunkSteps;
  return { found: true, runs: details.numRuns, msToFirstFailure: firstFailureMs, case: found };
}

/**
 * A scenario up to the numbering of its threads: threads are alike but for
 * their number, so two scenarios that list the same threads in another
 * order have the same interleavings, renamed, and the same verdict.
 */
function scenarioKey(sc: Scenario): string {
  const threads = sc.threads.map((t) => JSON.stringify(t)).sort();
  return JSON.stringify([sc.reuse, sc.pages, sc.cache, sc.punch, threads]);
}
