import fc from 'fast-check';
import { scenarioArbitrary, type ScenarioConstraints } from '../../arbitraries/scenario-arbitrary';
import { CLAIM_NAMES, type ClaimName } from '../../claims/claim';
import { CLAIMS } from '../../claims/index';
import { makeCase } from '../../cases/make-case';
import type { ShrunkCase } from '../../cases/case-format';
import { MAX_THREADS } from '../../model/geometry';
import { initialState, modelFor } from '../../run/initial-state';
import { run } from '../../run/runner';
import type { Scenario } from '../../run/scenario';
import type { HuntStrategy } from '../../schedulers/scheduler';
import { STRATEGIES } from '../../schedulers/strategies';
import type { Variant } from '../../variants/variant';
import { polishCase } from '../minimise/polish-case';
import { shortestSchedule, type Watch } from '../kernel/shortest-schedule';

export interface Cell extends Omit<ScenarioConstraints, 'variant'> {
  readonly variant: Variant;
  readonly claim: ClaimName;
}

/**
 * States one exhaustive run may visit before it gives its scenario up as
 * incomplete (never as clean). A run that reaches the cap costs it whole and
 * proves nothing; a race deeper than the cap is missed. It was 3,500 on the
 * model before jbd2's commit thread, the journal handles and RM's restarts
 * between extents; those add states to every scenario, and at 3,500 the
 * default hunt missed 6 of the 81 cells results/MATRIX.md shows broken. The
 * explorer's own case scenarios of those cells need 5,109 states (3.15's
 * overwrite of bar, data=writeback), 5,914 (3.11's, data=ordered), 8,523
 * (patlasov-v1's stale data, data=ordered), 11,970 (3.15's stale data,
 * data=ordered) and 21,968 (patlasov-v1's lost write, data=ordered)
 * (scratch/cap-need.ts). Hunting the one-block rows of ext4-3.11,
 * patlasov-v1 and ext4-3.15 with the default options found 20 of their 26
 * broken cells in 72 s at 3,500, 24 in 49 s at 25,000 and all 26 in 54 s at
 * 50,000 (a larger cap also spends less time on runs cut off before their
 * end). The other strategies do not use the cap.
 */
export const EXHAUSTIVE_STATES_PER_RUN = 50_000;

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
  const scenarios = scenarioArbitrary({ necessary: CLAIMS[cell.claim].needs, ...cell, variant: cell.variant.name });
  const maxStates = opts.maxStatesPerRun ?? EXHAUSTIVE_STATES_PER_RUN;
  let attempt: Attempt;
  let plans: fc.Arbitrary<unknown>;
  // The exhaustive search also watches the row's other claims: a scenario that breaks one is a lead for its cell.
  const others = CLAIM_NAMES.filter((c) => c !== cell.claim);
  const watch = (sc: Scenario): Watch | undefined => opts.onLead === undefined ? undefined : {
    claims: others.map((c) => CLAIMS[c]),
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
      const r = shortestSchedule(m, initialState(m, sc), CLAIMS[cell.claim], { maxStates, watch: watch(sc) });
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
