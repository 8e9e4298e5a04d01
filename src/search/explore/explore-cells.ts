import type { ClaimName } from '../../claims/claim';
import type { ShrunkCase } from '../../cases/case-format';
import { makeCase } from '../../cases/make-case';
import type { Mount } from '../../model/mount';
import type { Model } from '../../model/model';
import type { ConcurrentOp, OpName } from '../../model/ops';
import { isOrdered } from '../../model/mount';
import { CLAIMS } from '../../claims/index';
import { programsFor } from '../../paths/programs';
import { Coverage, type CoverageCounts, type CoverageRow } from '../kernel/coverage';
import { familyRecipe } from './family-recipe';
import { partitionedBfs } from '../engine/partitioned-bfs';
import { threadParts } from '../engine/thread-parts';
import type { Variant } from '../../variants/variant';
import { bfs, type BfsCut, type BfsResult } from '../engine/bfs';
import { type FamilyBounds, familyScenarios } from './family';
import { switchesOf } from '../engine/schedules';
import type { Scenario } from '../../run/scenario';
import { kernelSystem, scheduleOfRun } from '../kernel/kernel-system';

/** A family (family.ts), by its variant itself rather than its name, and what to explore it for. */
export interface ExploreBounds extends Omit<FamilyBounds, 'variant' | 'caches'> {
  readonly variant: Variant;
  readonly claims: readonly ClaimName[];
  readonly maxStates: number;
  readonly progress?: (states: number, depth: number) => void;
  /** The memory guard (memory-guard.ts): true when the search must stop to keep the process alive. */
  readonly memoryExhausted?: () => boolean;
  /** Merge states by thread symmetry (thread-symmetry.ts); default on. Same verdicts and shortest lengths either way. */
  readonly symmetry?: boolean;
  /** A change to the model's code (a model mutant); its cases cannot be replayed on the real model, so none are made. */
  readonly patch?: (m: Model) => Model;
}

export interface ExploreCell {
  readonly variant: string;
  readonly claim: ClaimName;
  readonly blocksPerPage: 1 | 2;
  readonly pages: number;
  readonly mount: Mount;
  readonly ops: readonly ConcurrentOp[];
  readonly threads: number;
  /** violated: a shortest counterexample; held: the whole bounded family explored; incomplete: cut short. */
  readonly verdict: 'violated' | 'held' | 'incomplete';
  /** Why an incomplete search stopped: its state bound ('states') or the memory guard ('memory'). */
  readonly cut: BfsCut | null;
  readonly states: number;
  /** The chance that a fingerprint collision hid a state (bfs.ts): what a `held` is a proof up to. */
  readonly collisionBound: number;
  /** For a `held`: why it is vacuous (an operation it judges never finished, with its steps never taken), or []. */
  readonly unreached: readonly string[];
  /** How often each step of each program in the family was taken (the same for every claim of the family). */
  readonly coverage: readonly CoverageRow[];
  readonly transitions: number;
  readonly elapsedMs: number;
  readonly shortestSteps: number | null;
  readonly case: ShrunkCase | null;
}

/** States a search on threads first tries on one core (about a second and a half here). */
const ON_ONE_CORE = 500_000;

/** Starts searched for the fewest switches when many tie: the first ones, in family order. */
const MAX_TIED = 64;

/**
 * Among the starts whose shortest violation has the same length: the fewest
 * threads, then the fewest thread switches (exact, per start), then the
 * first in family order. Null when no start gives a schedule (cannot happen
 * for a start the search reported; kept as a guard).
 */
function breakTie(
  b: ExploreBounds, scenarios: ReadonlyMap<number, Scenario>, claim: ClaimName, depth: number, tied: readonly number[],
): { start: number; schedule: number[] } | null {
  const fewest = Math.min(...tied.map((k) => scenarios.get(k)!.threads.length));
  let best: { start: number; schedule: number[]; switches: number } | null = null;
  for (const k of tied.filter((j) => scenarios.get(j)!.threads.length === fewest).slice(0, MAX_TIED)) {
    const r = bfs(kernelSystem(b.variant, [scenarios.get(k)!], [claim], b.patch), { maxDepth: depth, fewestSwitches: true });
    const schedule = r.outcomes[0].schedule;
    if (schedule === null || schedule.length !== depth) continue;
    const switches = switchesOf(schedule);
    if (best === null || switches < best.switches) best = { start: k, schedule, switches };
  }
  return best;
}

/**
 * Explore one bounded family for every claim at once and give each claim its
 * verdict. A violated claim comes with its shortest counterexample as a case
 * (origin "explorer"), ties broken by fewer threads, then fewer switches;
 * held is said only when nothing was cut short.
 */
export function exploreCells(b: ExploreBounds): ExploreCell[] {
  const start = performance.now();
  const coverage = new Coverage();
  const r = bfs(kernelSystem(b.variant, familyOf(b), b.claims, b.patch, coverage), {
    maxStates: b.maxStates, progress: b.progress, symmetry: b.symmetry, memoryExhausted: b.memoryExhausted,
  });
  return cellsOf(b, r, coverage, Math.round(performance.now() - start));
}

/**
 * exploreCells with the search on `jobs` worker threads at once
 * (engine/partitioned-bfs.ts): the same verdicts, states, transitions and
 * shortest lengths; the case of a violation is one of the shortest, ties
 * broken as exploreCells breaks them. Memory is bounded by `maxMemoryMb`
 * for the whole process. Model mutants (`patch`) are code, which cannot go
 * to a thread: they are explored on one core.
 */
export async function exploreCellsOnThreads(b: ExploreBounds & { readonly maxMemoryMb?: number }, jobs: number): Promise<ExploreCell[]> {
  if (b.patch !== undefined || jobs <= 1) return exploreCells(b);
  // Threads cost a second or so to start (each loads the model): a family small enough to finish on one core
  // within ON_ONE_CORE states never pays it; a larger one pays that search again, a second or two in minutes.
  const start = performance.now();
  const first = exploreCells({ ...b, maxStates: Math.min(b.maxStates, ON_ONE_CORE) });
  if (b.maxStates <= ON_ONE_CORE || first.every((c) => c.verdict !== 'incomplete' || c.cut !== 'states')) return first;
  const cells = await exploreCellsOnParts(b, jobs);
  const elapsedMs = Math.round(performance.now() - start);
  return cells.map((c) => ({ ...c, elapsedMs }));
}

/** exploreCellsOnThreads without the first try on one core: always on `jobs` threads (jobs >= 2). */
export async function exploreCellsOnParts(b: ExploreBounds & { readonly maxMemoryMb?: number }, jobs: number): Promise<ExploreCell[]> {
  const start = performance.now();
  const recipe = familyRecipe({ variant: b.variant, family: familyBoundsOf(b), claims: b.claims });
  const symmetry = b.symmetry !== false;
  const parts = threadParts(recipe, { parts: jobs, maxStates: b.maxStates, symmetry, pruning: true, maxMemoryMb: b.maxMemoryMb });
  let r: Awaited<ReturnType<typeof partitionedBfs>>;
  try {
    r = await partitionedBfs(parts, { claims: b.claims.length, progress: b.progress, symmetric: symmetry });
  } finally {
    await parts.close();
  }
  const coverage = new Coverage();
  coverage.track(b.claims.map((c) => CLAIMS[c]));
  for (const counts of r.extras) coverage.add(counts as CoverageCounts);
  return cellsOf(b, r, coverage, Math.round(performance.now() - start));
}

function familyBoundsOf(b: ExploreBounds): FamilyBounds {
  return { variant: b.variant.name, blocksPerPage: b.blocksPerPage, pages: b.pages, mount: b.mount, ops: b.ops, threads: b.threads, layouts: b.layouts, shard: b.shard, userBuffers: b.userBuffers };
}

// The family is generated as the search takes its starts, never listed whole: at four pages and four threads it has
// hundreds of millions of scenarios, and a state bound of one must not need the memory to list them.
function familyOf(b: ExploreBounds): Iterable<Scenario> {
  return familyScenarios(familyBoundsOf(b));
}

/** Each claim's verdict from a search of the family, with its case (ties broken) and the family's coverage. */
function cellsOf(b: ExploreBounds, r: BfsResult, coverage: Coverage, elapsedMs: number): ExploreCell[] {
  const wanted = new Set(r.outcomes.flatMap((o) => (o.start === null ? [] : [o.start, ...o.tied])));
  const scenarios = scenariosAt(familyOf(b), wanted);
  // Step names of the variant's own paths (a model mutant's patch may change their code, not their names).
  const programs = programsFor(b.variant);
  const ops: OpName[] = ['punch', ...b.ops, ...(isOrdered(b.mount) ? ['jbd2' as const] : [])];
  const table = coverage.table(programs, ops);
  return b.claims.map((claim, i) => {
    const o = r.outcomes[i];
    let found: ShrunkCase | null = null;
    if (o.steps !== null && o.start !== null && o.schedule !== null && b.patch === undefined) {
      const tie = breakTie(b, scenarios, claim, o.steps, o.tied) ?? { start: o.start, schedule: scheduleOfRun(b.variant, scenarios.get(o.start)!, o.schedule, r.symmetric) };
      found = makeCase(b.variant, claim, scenarios.get(tie.start)!, tie.schedule, {
        strategy: 'explorer', seed: null, path: null, runs: null, msToFirstFailure: null, stepsBeforeShrinking: null,
        shortestSteps: o.steps,
      });
    }
    const verdict = o.steps !== null ? 'violated' : r.complete ? 'held' : 'incomplete';
    return {
      variant: b.variant.name, claim, blocksPerPage: b.blocksPerPage, pages: b.pages, mount: b.mount, ops: b.ops, threads: b.threads,
      verdict, cut: o.steps !== null ? null : r.cut, unreached: verdict === 'held' ? coverage.unreached(CLAIMS[claim], programs, ops) : [], coverage: table,
      states: r.states, collisionBound: r.collisionBound, transitions: r.transitions, elapsedMs, shortestSteps: o.steps, case: found,
    };
  });
}

/** The scenarios at the given places of the family's order. */
function scenariosAt(family: Iterable<Scenario>, wanted: ReadonlySet<number>): Map<number, Scenario> {
  const out = new Map<number, Scenario>();
  if (wanted.size === 0) return out;
  const last = [...wanted].reduce((a, b) => Math.max(a, b), 0);
  let k = 0;
  for (const sc of family) {
    if (wanted.has(k)) out.set(k, sc);
    if (++k > last) break;
  }
  return out;
}
