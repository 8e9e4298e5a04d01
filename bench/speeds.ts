/**
 * The raw speeds, on one core: the runner's atomic steps a second (every
 * claim checked after every step, no trace: the hunt's hot path), the
 * explorer's distinct states a second over a whole family, and the hunt's
 * full executions a second. Used by bench:runner, bench:explore and bench.
 */
import { CLAIM_NAMES } from '../src/claims/claim';
import { CONCURRENT_OPS } from '../src/model/ops';
import { initialState, modelFor } from '../src/run/initial-state';
import { run } from '../src/run/runner';
import type { Scenario } from '../src/run/scenario';
import { type ExploreCell, exploreCells, exploreCellsOnParts } from '../src/search/explore/explore-cells';
import type { Mount } from '../src/model/mount';
import { huntCell } from '../src/search/hunt/hunt-cell';
import { BUILTIN_VARIANT_NAMES } from '../src/variants/builtin-variants';
import { builtinVariant } from '../src/variants/resolve-variant';

/** A fixed mix: every variant, both geometries, the threads the races need. */
export function runnerScenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const variant of BUILTIN_VARIANT_NAMES) {
    for (const blocksPerPage of [1, 2] as const) {
      out.push({
        variant, blocksPerPage, pages: 2, mount: 'data=writeback', layout: 'contiguous', cache: ['clean-buffers', 'dirty'],
        punch: { start: 0, length: 2 * blocksPerPage },
        threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }, { op: 'readahead', page: 0, count: 2 }],
      });
    }
  }
  return out;
}

/** Schedules from a fixed linear congruential sequence: the same workload every time. */
function fixedSchedules(): number[][] {
  let seed = 1;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  return Array.from({ length: 256 }, () => Array.from({ length: 64 }, () => next(5)));
}

export interface RunnerSpeed {
  readonly stepsPerSec: number;
  readonly runs: number;
  readonly stepsPerRun: number;
  readonly violated: number;
  readonly seconds: number;
}

export function runnerSpeed(chosen: readonly Scenario[], seconds: number): RunnerSpeed {
  const schedules = fixedSchedules();
  const cases = chosen.map((sc) => {
    const m = modelFor(sc, builtinVariant(sc.variant));
    return { m, init: initialState(m, sc) };
  });
  let steps = 0;
  let runs = 0;
  let violated = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (let k = 0; k < 200; k++) {
      const c = cases[runs % cases.length];
      const r = run(c.m, c.init, schedules[runs % schedules.length]);
      steps += r.schedule.length;
      if (r.violation) violated++;
      runs++;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  return { stepsPerSec: Math.round(steps / elapsed), runs, stepsPerRun: steps / runs, violated, seconds: elapsed };
}

export function explorerSpeed(variant: string, threads: number, blocksPerPage: 1 | 2, mount: Mount = 'data=writeback'): { perSecond: number; cells: ExploreCell[] } {
  const cells = exploreCells(speedFamily(variant, threads, blocksPerPage, mount));
  return { perSecond: Math.round((cells[0].states / cells[0].elapsedMs) * 1000), cells };
}

/** The same family explored with its search on `jobs` threads (explore-cells.ts exploreCellsOnParts). */
export async function explorerSpeedOnThreads(
  variant: string, threads: number, blocksPerPage: 1 | 2, mount: Mount, jobs: number,
): Promise<{ perSecond: number; cells: ExploreCell[] }> {
  const cells = await exploreCellsOnParts(speedFamily(variant, threads, blocksPerPage, mount), jobs);
  return { perSecond: Math.round((cells[0].states / cells[0].elapsedMs) * 1000), cells };
}

function speedFamily(variant: string, threads: number, blocksPerPage: 1 | 2, mount: Mount) {
  return { variant: builtinVariant(variant), blocksPerPage, pages: 1, mount, ops: CONCURRENT_OPS, threads, claims: CLAIM_NAMES, maxStates: 100_000_000 };
}

export interface Speeds {
  readonly stepsPerSec: number;
  readonly statesPerSec: number;
  readonly explorerFamily: string;
  readonly execsPerSec: number;
}

/** All three; `quick` measures for a fraction of a second and explores a two-thread family. */
export function measureSpeeds(quick: boolean): Speeds {
  const all = runnerScenarios();
  const seconds = quick ? 0.3 : 2;
  const stepsPerSec = Math.min(runnerSpeed(all, seconds).stepsPerSec, runnerSpeed(all.filter((sc) => sc.variant === 'ext4-5.15'), seconds).stepsPerSec);
  const threads = quick ? 2 : 3;
  const explorer = explorerSpeed('ext4-5.15', threads, 1);
  const start = performance.now();
  const hunt = huntCell({ variant: builtinVariant('ext4-5.15'), claim: 'bar-never-overwritten-by-foo', blocksPerPage: 2 }, { strategy: 'random', seed: 1, runs: quick ? 2000 : 20000 });
  const execsPerSec = Math.round((hunt.runs / (performance.now() - start)) * 1000);
  return {
    stepsPerSec, statesPerSec: explorer.perSecond,
    explorerFamily: `ext4-5.15, one block a page, one page, ${threads} threads: ${explorer.cells[0].states} states`, execsPerSec,
  };
}
