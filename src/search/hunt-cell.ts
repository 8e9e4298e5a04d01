import fc from 'fast-check';
import { NECESSARY_OPS } from '../arbitraries/necessary-ops';
import { scenarioArbitrary, type ScenarioConstraints } from '../arbitraries/scenario-arbitrary';
import type { ClaimName } from '../claims/claim';
import { CLAIMS } from '../claims/claims';
import { makeCase } from '../cases/make-case';
import type { ShrunkCase } from '../cases/case-format';
import { MAX_THREADS } from '../model/geometry';
import { initialState, modelFor } from '../run/initial-state';
import { run } from '../run/runner';
import type { Scenario } from '../run/scenario';
import type { StrategyName } from '../schedulers/scheduler';
import { STRATEGIES } from '../schedulers/strategies';
import type { Variant } from '../variants/variant';
import { shortestSchedule } from './shortest-schedule';

export interface Cell extends Omit<ScenarioConstraints, 'variant'> {
  readonly variant: Variant;
  readonly claim: ClaimName;
}

export interface HuntOptions {
  readonly strategy: StrategyName;
  readonly seed: number;
  /** Runs before giving up (the budget). */
  readonly runs: number;
  /** Also stop after this many milliseconds, if given. */
  readonly budgetMs?: number;
  /** Search the shrunk scenario breadth-first for the shortest schedule; default true. */
  readonly polish?: boolean;
}

export interface HuntResult {
  readonly found: boolean;
  /** Runs up to and including the first failure, or all runs made. */
  readonly runs: number;
  readonly msToFirstFailure: number | null;
  readonly case: ShrunkCase | null;
}

/**
 * Hunt one cell (variant, claim, geometry): fast-check draws a scenario and a
 * schedule plan of the chosen strategy together, runs it, and calls it a
 * failure when the claim breaks. On a failure fast-check shrinks scenario and
 * plan together; the shrunk scenario is then searched breadth-first for its
 * shortest breaking schedule, and the case records both lengths.
 */
export function huntCell(cell: Cell, opts: HuntOptions): HuntResult {
  const strategy = STRATEGIES[opts.strategy];
  const check = CLAIMS[cell.claim];
  const scenarios = scenarioArbitrary({ necessary: NECESSARY_OPS[cell.claim], ...cell, variant: cell.variant.name });
  const arb = fc.tuple(scenarios, strategy.plans(MAX_THREADS));
  const start = performance.now();
  let firstFailureMs: number | null = null;
  let stepsBefore: number | null = null;
  const runOnce = (sc: Scenario, plan: unknown) => {
    const m = modelFor(sc, cell.variant);
    return run(m, initialState(m, sc), strategy.scheduler(plan), { claims: [cell.claim] });
  };
  const property = fc.property(arb, ([sc, plan]) => {
    const r = runOnce(sc, plan);
    if (r.violation !== null && firstFailureMs === null) {
      firstFailureMs = performance.now() - start;
      stepsBefore = r.schedule.length;
    }
    return r.violation === null;
  });
  const details = fc.check(property, {
    seed: opts.seed,
    numRuns: opts.runs,
    interruptAfterTimeLimit: opts.budgetMs,
    markInterruptAsFailure: false,
  });
  if (!details.failed || details.counterexample === null) {
    return { found: false, runs: details.numRuns, msToFirstFailure: null, case: null };
  }
  const [[sc, plan]] = details.counterexample;
  const shrunk = runOnce(sc, plan);
  let schedule = shrunk.schedule;
  let shortestSteps: number | null = null;
  if (opts.polish !== false) {
    const m = modelFor(sc, cell.variant);
    const best = shortestSchedule(m, initialState(m, sc), check);
    if (best.verdict === 'violated') {
      shortestSteps = best.schedule.length;
      if (best.schedule.length < schedule.length) schedule = best.schedule;
    }
  }
  const found = makeCase(cell.variant, cell.claim, sc, schedule, {
    strategy: opts.strategy,
    seed: details.seed,
    path: details.counterexamplePath,
    runs: details.numRuns,
    msToFirstFailure: firstFailureMs === null ? null : Math.round(firstFailureMs * 100) / 100,
    stepsBeforeShrinking: stepsBefore,
    shortestSteps,
  });
  return { found: true, runs: details.numRuns, msToFirstFailure: firstFailureMs, case: found };
}
