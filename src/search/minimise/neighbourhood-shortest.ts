import type { ClaimName } from '../../claims/claim';
import type { ConcurrentOp } from '../../model/ops';
import { CACHE_STATES, type CacheState, type Scenario } from '../../run/scenario';
import type { Variant } from '../../variants/variant';
import { bfs } from '../engine/bfs';
import { threadSpecs } from '../explore/family';
import { kernelSystem, scheduleOfRun } from '../kernel/kernel-system';

/**
 * The scenarios one change away from `sc`: each page in every initial cache
 * state, every block-aligned punch range, and each thread replaced by every
 * other thread the operations allow. fast-check shrinks a scenario while it
 * still fails, towards the simplest cache ("none"), the first operation and
 * the widest punch, which is not always where the shortest race is: a page
 * already cached makes some races shorter, and a direct read shows stale
 * data in fewer steps than a buffered one. Fewer threads are never needed:
 * a thread that does not run is one schedule of the scenario that has it.
 * `wide` gives instead each thread change paired with every punch range: a
 * buffered read's race may break only with the whole page punched while a
 * direct read's is shortest with one block punched.
 */
export function neighbours(sc: Scenario, ops: readonly ConcurrentOp[], wide = false): Scenario[] {
  let caches: CacheState[][] = [[]];
  for (let p = 0; p < sc.pages; p++) caches = caches.flatMap((prefix) => CACHE_STATES.map((c) => [...prefix, c]));
  const fooBlocks = sc.pages * sc.blocksPerPage;
  const punches: Array<Scenario['punch']> = [];
  for (let start = 0; start < fooBlocks; start++) for (let length = 1; start + length <= fooBlocks; length++) punches.push({ start, length });
  const specs = threadSpecs({ variant: sc.variant, blocksPerPage: sc.blocksPerPage, pages: sc.pages, mount: sc.mount, ops, threads: 0 });
  const substituted = sc.threads.flatMap((_, i) => specs.map((spec) => sc.threads.map((t, k) => (k === i ? spec : t))));
  if (wide) return substituted.flatMap((threads) => punches.map((punch) => ({ ...sc, punch, threads })));
  // Cache and punch together while that is a few dozen scenarios (one page): a shorter race may need both changed.
  const out: Scenario[] = caches.length * punches.length <= PAIRED
    ? caches.flatMap((cache) => punches.map((punch) => ({ ...sc, cache, punch })))
    : [...caches.map((cache) => ({ ...sc, cache })), ...punches.map((punch) => ({ ...sc, punch }))];
  return [...out, ...substituted.map((threads) => ({ ...sc, threads }))];
}

const PAIRED = 24;

/**
 * Hill-climb from a scenario and a schedule that breaks `claim` to shorter
 * ones: one breadth-first search from all of its neighbours at once (the
 * explorer's), cut at one step fewer than the best so far, so the first
 * violation met is the shortest of the neighbourhood and only a shorter one
 * counts; repeat from there until no neighbour is shorter or `maxStates`
 * states were spent. With `wide`, a one-page scenario stuck there gets one
 * more look at its wide neighbours (see `neighbours`; a few times dearer).
 * Returns the best found (the input when nothing shorter).
 */
export function neighbourhoodShortest(
  variant: Variant, claim: ClaimName, sc: Scenario, schedule: number[], ops: readonly ConcurrentOp[],
  opts: { readonly wide?: boolean; readonly maxStates?: number } = {},
): { scenario: Scenario; schedule: number[] } {
  const maxStates = opts.maxStates ?? 1_500_000;
  let best = { scenario: sc, schedule };
  let spent = 0;
  let wide = false;
  while (spent < maxStates && best.schedule.length > 0) {
    const starts = neighbours(best.scenario, ops, wide);
    const r = bfs(kernelSystem(variant, starts, [claim]), { maxStates: maxStates - spent, maxDepth: best.schedule.length - 1 });
    spent += r.states;
    const o = r.outcomes[0];
    if (o.start === null || o.schedule === null) {
      // Stuck: look once more, two changes at a time, before giving up.
      if (wide || !opts.wide || best.scenario.pages > 1 || best.scenario.blocksPerPage === 1) break;
      wide = true;
      continue;
    }
    best = { scenario: starts[o.start], schedule: scheduleOfRun(variant, starts[o.start], o.schedule, r.symmetric) };
    wide = false;
  }
  return best;
}
