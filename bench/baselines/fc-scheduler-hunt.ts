/**
 * The baseline a TypeScript developer would reach for: the same simulated
 * kernel driven through fast-check's own `fc.scheduler()`. Each thread is an
 * async function; each atomic step waits for a scheduled task, so fast-check
 * picks, at every step, which pending thread goes on (uniformly at random),
 * with microtask ticks between. A thread that cannot move (its guard is
 * false: a lock is held) yields again, as an awaiting kernel thread would
 * sleep. The claim is checked after every step, as the harness does. The
 * scenario comes from the harness's own arbitrary, so both draw the same
 * worlds; only the interleaving differs. fast-check shrinks the scenario
 * but never the interleaving. Written after fast-check's race-conditions
 * guide: `fc.asyncProperty` with `fc.scheduler()` and `s.waitFor`. Used only
 * by the benchmark.
 */
import fc from 'fast-check';
import { scenarioArbitrary } from '../../src/arbitraries/scenario-arbitrary';
import type { ClaimName } from '../../src/claims/claim';
import type { Mount } from '../../src/model/mount';
import { CLAIMS } from '../../src/claims/index';
import { initialState, modelFor } from '../../src/run/initial-state';
import { isEnabled, isFinished, takeStep } from '../../src/model/step';
import type { Variant } from '../../src/variants/variant';

/** Scheduled tasks one run may release (steps and yields of blocked threads), as the harness's maxSteps. */
const MAX_TASKS = 10_000;

export interface BaselineResult {
  readonly found: boolean;
  readonly runs: number;
  readonly msToFirstFailure: number | null;
  /** Steps of the counterexample fast-check reports (after it shrank the scenario). */
  readonly steps: number | null;
}

export async function baselineHunt(
  cell: { variant: Variant; claim: ClaimName; blocksPerPage: 1 | 2; pages?: number; threads?: number; mount?: Mount },
  opts: { seed: number; runs: number; budgetMs?: number },
): Promise<BaselineResult> {
  const check = CLAIMS[cell.claim].check;
  const scenarios = scenarioArbitrary({
    necessary: CLAIMS[cell.claim].needs, variant: cell.variant.name, blocksPerPage: cell.blocksPerPage,
    pages: cell.pages, maxThreads: cell.threads, mount: cell.mount === undefined ? undefined : [cell.mount],
  });
  const start = performance.now();
  let firstFailureMs: number | null = null;
  let lastFailureSteps: number | null = null;
  const property = fc.asyncProperty(scenarios, fc.scheduler(), async (sc, s) => {
    const m = modelFor(sc, cell.variant);
    const state = initialState(m, sc);
    let tasks = 0;
    let steps = 0;
    let broken = check(state, m) !== null;
    const thread = async (i: number) => {
      while (!broken && !isFinished(state, m, i) && tasks < MAX_TASKS) {
        tasks++;
        await s.schedule(Promise.resolve(), `T${i}`);
        if (broken || !isEnabled(state, m, i)) continue;
        takeStep(state, m, i);
        steps++;
        if (check(state, m) !== null) broken = true;
      }
    };
    await s.waitFor(Promise.all(Array.from({ length: m.layout.threads }, (_, i) => thread(i))));
    if (broken) {
      if (firstFailureMs === null) firstFailureMs = performance.now() - start;
      lastFailureSteps = steps;
    }
    return !broken;
  });
  const details = await fc.check(property, { seed: opts.seed, numRuns: opts.runs, interruptAfterTimeLimit: opts.budgetMs, markInterruptAsFailure: false });
  if (!details.failed) return { found: false, runs: details.numRuns, msToFirstFailure: null, steps: null };
  // The last failing run fast-check made is its final counterexample: shrinking stops at the last candidate that failed.
  return { found: true, runs: details.numRuns, msToFirstFailure: firstFailureMs, steps: lastFailureSteps };
}
