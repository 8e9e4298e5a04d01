import type { ClaimName } from '../claims/claim';
import type { ConcurrentOp } from '../model/ops';
import { CACHE_STATES, type CacheState, type Scenario } from '../run/scenario';
import type { Variant } from '../variants/variant';
import { bfs } from './bfs';
import { threadSpecs } from './family';
import { kernelSystem } from './kernel-system';

/**
 * The scenarios one change away from `sc`: each page in every initial cache
 * state, every block-aligned punch range, and each thread replaced by every
 * other thread the operations allow. fast-check shrinks a scenario while it
 * still fails, towards the simplest cache ("none"), the first operation and
 * the widest punch, which is not always where the shortest race is: a page
 * already cached makes some races shorter, and a direct read shows stale
 * data in fewer steps than a buffered one. Fewer threads are never needed:
 * a thread that does not run is one schedule of the scenario that has it.
 */
export function neighbours(sc: Scenario, ops: readonly ConcurrentOp[]): Scenario[] {
  let caches: CacheState[][] = [[]];
  for (let p = 0; p < sc.pages; p++) caches = caches.flatMap((prefix) => CACHE_STATES.map((c) => [...prefix, c]));
  const fooBlocks = sc.pages * sc.blocksPerPage;
  const punches: Array<Scenario['punch']> = [];
  for (let start = 0; start < fooBlocks; start++) for (let length = 1; start + length <= fooBlocks; length++) punches.push({ start, length });
  // Cache and punch together while that is a few dozen scenarios (one page): a shorter race may need both changed.
  const out: Scenario[] = caches.length * punches.length <= PAIRED
    ? caches.flatMap((cache) => punches.map((punch) => ({ ...sc, cache, punch })))
    : [...caches.map((cache) => ({ ...sc, cache })), ...punches.map((punch) => ({ ...sc, punch }))];
  const specs = threadSpecs({ variant: sc.variant, blocksPerPage: sc.blocksPerPage, pages: sc.pages, reuse: sc.reuse, ops, threads: 0 });
  sc.threads.forEach((_, i) => {
    for (const spec of specs) out.push({ ...sc, threads: sc.threads.map((t, k) => (k === i ? spec : t)) });
  });
  return out;
}

const PAIRED = 24;

/**
 * Hill-climb from a scenario and a schedule that breaks `claim` to shorter
 * ones: one breadth-first search from all of its neighbours at once (the
 * explorer's), cut at one step fewer than the best so far, so the first
 * violation met is the shortest of the neighbourhood and only a shorter one
 * counts; repeat from there until no neighbour is shorter or `maxStates`
 * states were spent. Returns the best found (the input when nothing shorter).
 */
export function neighbourhoodShortest(
  variant: Variant, claim: ClaimName, sc: Scenario, schedule: number[], ops: readonly ConcurrentOp[], maxStates = 1_500_000,
): { scenario: Scenario; schedule: number[] } {
  let best = { scenario: sc, schedule };
  let spent = 0;
  while (spent < maxStates && best.schedule.length > 0) {
    const starts = neighbours(best.scenario, ops);
    const r = bfs(kernelSystem(variant, starts, [claim]), { maxStates: maxStates - spent, maxDepth: best.schedule.length - 1 });
    spent += r.states;
    const o = r.outcomes[0];
    if (o.start === null || o.schedule === null) break;
    best = { scenario: starts[o.start], schedule: o.schedule };
  }
  return best;
}
