/**
 * The baseline a TypeScript developer would reach for: the same simulated
 * kernel driven through fast-check's own `fc.scheduler()`. Each thread is an
 * async function; each atomic step waits for a scheduled task, so fast-check
 * picks, at every step, which pending thread goes on (uniformly at random),
 * with microtask ticks between. A thread that cannot move (its guard is
 * false: a lock, a page lock, the journal) does not ask to be scheduled:
 * it sleeps on a promise that the step which lets it move resolves, as a
 * careful fast-check user makes a blocked task await its lock's release
 * (after every step each sleeper's guard is asked again), so the
 * scheduler's uniform choices go only to threads that can move. When no
 * thread can move, the run ends there (a deadlock, or only jbd2 left
 * waiting for work). The claim is checked after every step, as the harness does. The
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
import { isDaemon, isEnabled, isFinished, takeStep, userThreadsFinished } from '../../src/model/step';
import type { Variant } from '../../src/variants/variant';

/** Scheduled tasks one run may release (steps and yields of blocked threads), as the harness's maxSteps. */
const MAX_TASKS = 10_000;

export interface BaselineResult {
  readonly found: boolean;
  readonly runs: number;
  readonly msToFirstFailure: number | null;
  /** Steps of the counterexample fast-check reports (after it shrank the scenario). */
  readonly steps: number | null;
  /** Milliseconds until fast-check returned its final (shrunk) counterexample. */
  readonly msToFinalCase: number | null;
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
    const over = (i: number) => broken || tasks >= MAX_TASKS || (isDaemon(state, m, i) ? userThreadsFinished(state, m) : isFinished(state, m, i));
    /** Threads asleep until a step lets them move, by thread: resolve(true) wakes one, resolve(false) ends its run. */
    const sleepers = new Map<number, (go: boolean) => void>();
    let running = m.layout.threads;
    const wakeWhoCanMove = () => {
      for (const [i, wake] of sleepers) {
        if (!isEnabled(state, m, i) && !over(i)) continue;
        sleepers.delete(i);
        running++;
        wake(true);
      }
    };
    const sleep = (i: number): Promise<boolean> => {
      running--;
      const asleep = new Promise<boolean>((resolve) => sleepers.set(i, resolve));
      // Nobody left to wake anyone: every sleeper's run is over.
      if (running === 0) for (const [j, wake] of sleepers) (sleepers.delete(j), wake(false));
      return asleep;
    };
    const thread = async (i: number) => {
      while (!over(i)) {
        if (!isEnabled(state, m, i)) {
          if (!(await sleep(i))) return;
          continue;
        }
        tasks++;
        await s.schedule(Promise.resolve(), `T${i}`);
        // Another thread may have taken the lock between the choice and now: then sleep again.
        if (over(i) || !isEnabled(state, m, i)) continue;
        takeStep(state, m, i);
        steps++;
        if (check(state, m) !== null) broken = true;
        wakeWhoCanMove();
      }
      running--;
      if (running === 0) for (const [j, wake] of sleepers) (sleepers.delete(j), wake(false));
    };
    await s.waitFor(Promise.all(Array.from({ length: m.layout.threads }, (_, i) => thread(i))));
    if (broken) {
      if (firstFailureMs === null) firstFailureMs = performance.now() - start;
      lastFailureSteps = steps;
    }
    return !broken;
  });
  const details = await fc.check(property, { seed: opts.seed, numRuns: opts.runs, interruptAfterTimeLimit: opts.budgetMs, markInterruptAsFailure: false });
  const msToFinalCase = performance.now() - start;
  if (!details.failed) return { found: false, runs: details.numRuns, msToFirstFailure: null, steps: null, msToFinalCase: null };
  // The last failing run fast-check made is its final counterexample: shrinking stops at the last candidate that failed.
  return { found: true, runs: details.numRuns, msToFirstFailure: firstFailureMs, steps: lastFailureSteps, msToFinalCase };
}
