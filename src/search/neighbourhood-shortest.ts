import type { ClaimName } from '../claims/claim';
import { CACHE_STATES, type CacheState, type Scenario } from '../run/scenario';
import type { Variant } from '../variants/variant';
import { bfs } from './bfs';
import { kernelSystem } from './kernel-system';

/**
 * The scenarios next to a shrunk one: every subset of its threads, with each
 * page in every initial cache state; fewest threads first. fast-check
 * shrinks a scenario while it still fails, towards the simplest cache
 * ("none") and fewer threads, which is not always where the shortest race
 * is: a page already cached with buffers makes some races shorter.
 */
export function neighbours(sc: Scenario): Scenario[] {
  let caches: CacheState[][] = [[]];
  for (let p = 0; p < sc.pages; p++) caches = caches.flatMap((prefix) => CACHE_STATES.map((c) => [...prefix, c]));
  const n = sc.threads.length;
  const subsets = Array.from({ length: 1 << n }, (_, mask) => sc.threads.filter((_t, i) => (mask & (1 << i)) !== 0));
  subsets.sort((a, b) => a.length - b.length);
  return subsets.flatMap((threads) => caches.map((cache) => ({ ...sc, cache, threads })));
}

/**
 * The shortest breaking schedule among the scenarios next to `sc`, by one
 * breadth-first search from all of them at once (the explorer's), so the
 * first violation met is the shortest of the neighbourhood. Null when none
 * breaks within `maxStates` (the caller keeps what it had).
 */
export function neighbourhoodShortest(
  variant: Variant, claim: ClaimName, sc: Scenario, maxStates = 200_000,
): { scenario: Scenario; schedule: number[] } | null {
  const starts = neighbours(sc);
  const r = bfs(kernelSystem(variant, starts, [claim]), { maxStates });
  const o = r.outcomes[0];
  if (o.start === null || o.schedule === null) return null;
  return { scenario: starts[o.start], schedule: o.schedule };
}
