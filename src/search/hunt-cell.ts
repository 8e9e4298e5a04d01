import fc from 'fast-check';
import { NECESSARY_OPS } from '../arbitraries/necessary-ops';
import { scenarioArbitrary, type ScenarioConstraints } from '../arbitraries/scenario-arbitrary';
import { CLAIM_NAMES, type ClaimName } from '../claims/claim';
import { CLAIMS } from '../claims/claims';
import { makeCase } from '../cases/make-case';
import type { ShrunkCase } from '../cases/case-format';
import { MAX_THREADS } from '../model/geometry';
import { initialState, modelFor } from '../run/initial-state';
import { run } from '../run/runner';
import type { Scenario } from '../run/scenario';
import type { HuntStrategy } from '../schedulers/scheduler';
import { STRATEGIES } from '../schedulers/strategies';
import type { Variant } from '../variants/variant';
import { polishCase } from './polish-case';
import { shortestSchedule, type Watch } from './shortest-schedule';

export interface Cell extends Omit<ScenarioConstraints, 'variant'> {
  readonly variant: Variant;
  readonly claim: ClaimName;
}

/**
 * States one exhaustive run may visit before it gives its scenario up as
 * incomplete (never as clean). A run that reaches the cap costs it whole and
 * proves nothing; a race deeper than the cap is missed. Measured over 2,000
 * drawn scenarios of every broken cell and 3,000 of the two slowest
 * (scratch capcost, 2026-11-25, with the model's dead locals cleared, the
 * start ghost trimmed and interchangeable threads merged): the slow cells'
 * races are all met within 3,375 states (3.11's overwrite; 3.15's stale
 * data, one block a page, 3,233), and milliseconds per race found at caps
 * of 3,500 and 4,300 were for 3.15's stale data with two blocks a page
 * 94 and 104, with one block 46 and 51, for patlasov-v1's with two blocks
 * 70 and 74, and for 3.15's overwrite 63 and 72; at 3,000, 3.11's
 * overwrite lost half its races (51 of 97). Cells found in a few
 * milliseconds lose a few races at 3,500 and no time. (Before the model's
 * states were merged the best cap was 4,300; at 16,000, before searches
 * stopped where the claim can no longer break, the runs at the cap were a
 * quarter to a half of the slow cells' time.) The other strategies do not
 * use the cap.
 */
export const EXHAUSTIVE_STATES_PER_RUN = 3_500;

export interface HuntOptions {
  readonly strategy: HuntStrategy;
  readonly seed: number;
  /** Runs before giving up (the budget). */
  readonly runs: number;
  /** Also stop after this many milliseconds, if given. */
  readonly budgetMs?: number;
  /** Search the shrunk scenario breadth-first for the shortest schedule; default true. */
  readonly polish?: boolean;
  /** States one exhaustive run may visit; default EXHAUSTIVE_STATES_PER_RUN. */
  readonly maxStatesPerRun?: number;
  /**
   * Scenarios an exhaustive run searched in vain, as canonical keys: proved
   * clean, or given up at the cap (the search is deterministic, so it would
   * give up again). Shared by the turns of a mix so a scenario drawn again
   * is not searched again.
   */
  readonly searched?: Set<string>;
  /** Told of each scenario an exhaustive run finds breaking another claim (a lead for that claim's cell). */
  readonly onLead?: (claim: ClaimName, scenario: Scenario) => void;
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
  const maxStates = opts.maxStatesPerRun ?? EXHAUSTIVE_STATES_PER_RUN;
  let attempt: Attempt;
  let plans: fc.Arbitrary<unknown>;
  // The exhaustive search also watches the row's other claims: a scenario that breaks one is a lead for its cell.
  const others = CLAIM_NAMES.filter((c) => c !== cell.claim);
  const watch = (sc: Scenario): Watch | undefined => opts.onLead === undefined ? undefined : {
    checks: others.map((c) => CLAIMS[c]),
    onBreak: (i) => opts.onLead!(others[i], sc),
  };
  if (opts.strategy === 'exhaustive') {
    plans = fc.constant(null);
    const searched = opts.searched ?? new Set<string>();
    attempt = (sc) => {
      const key = scenarioKey(sc);
      // A scenario given up at one cap may finish under a larger one: its key names the cap.
      if (searched.has(key) || searched.has(`${key} cap ${maxStates}`)) return null;
      const m = modelFor(sc, cell.variant);
      const r = shortestSchedule(m, initialState(m, sc), check, { maxStates, watch: watch(sc) });
      if (r.verdict === 'held') searched.add(key);
      if (r.verdict === 'incomplete') searched.add(`${key} cap ${maxStates}`);
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
  const schedule = attempt(sc, plan) ?? [];
  const shrunkSteps = schedule.length;
  const polished = polishCase(cell, sc, schedule, opts.polish !== false);
  const shortestSteps = polished.shortestSteps;
  const found = makeCase(cell.variant, cell.claim, polished.scenario, polished.schedule, {
    strategy: opts.strategy,
    seed: details.seed,
    path: details.counterexamplePath,
    runs: details.numRuns,
    msToFirstFailure: firstFailureMs === null ? null : Math.round(firstFailureMs * 100) / 100,
    stepsBeforeShrinking: stepsBefore,
    shortestSteps,
  });
  if (found !== null && shrunkSteps !== polished.schedule.length) found.origin.stepsAfterShrinking = shrunkSteps;
  return { found: true, runs: details.numRuns, msToFirstFailure: firstFailureMs, case: found };
}

/**
 * A scenario up to the numbering of its threads: threads are alike but for
 * their number, so two scenarios that list the same threads in another
 * order have the same interleavings, renamed, and the same verdict.
 */
function scenarioKey(sc: Scenario): string {
  const threads = sc.threads.map((t) => JSON.stringify(t)).sort();
  return JSON.stringify([sc.mount, sc.layout, sc.pages, sc.cache, sc.punch, threads]);
}
