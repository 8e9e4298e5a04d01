import type { ClaimName } from '../../claims/claim';
import type { Mount } from '../../model/mount';
import type { ConcurrentOp } from '../../model/ops';
import type { Scenario } from '../../run/scenario';
import type { Variant } from '../../variants/variant';
import { bfs } from '../engine/bfs';
import { familyScenarios } from '../explore/family';
import { kernelSystem, scheduleOfRun } from '../kernel/kernel-system';

/**
 * Threads of the small family the polish searches whole. Most races of the
 * matrix need two threads beside the punch, and every one-page scenario of
 * two threads is a few hundred thousand states in all (under a second),
 * while three threads are millions.
 */
export const FEW_THREADS = 2;

/**
 * The shortest schedule shorter than `below` steps that breaks `claim` in
 * any one-page scenario of up to FEW_THREADS threads (every cache state,
 * punch range and thread the operations allow): one breadth-first search
 * from all of them at once, cut at `below - 1` steps. A found race may sit
 * in a scenario with other threads than the shortest one: the hill-climb
 * changes one thread at a time and only to a shorter race, so from three
 * threads it cannot reach a two-thread race whose threads are all
 * different. Null when there is none, or `maxStates` ran out first.
 */
export function fewThreadShortest(
  variant: Variant, claim: ClaimName, blocksPerPage: 1 | 2, mount: Mount, ops: readonly ConcurrentOp[],
  threads: number, below: number, maxStates = 1_000_000,
): Race | null {
  if (below <= 1) return null;
  const bounds = { variant: variant.name, blocksPerPage, pages: 1, mount, ops, threads: Math.min(threads, FEW_THREADS) };
  const known = memo.get(variant) ?? new Map<string, Known>();
  memo.set(variant, known);
  const key = JSON.stringify([claim, bounds, maxStates]);
  // The same cell is polished once a seed: a search cut at `below` answers every later question about a shorter cut.
  const earlier = known.get(key);
  if (earlier !== undefined && (earlier.race !== null || earlier.below >= below)) {
    return earlier.race !== null && earlier.race.schedule.length < below ? earlier.race : null;
  }
  const starts = [...familyScenarios(bounds)];
  const r = bfs(kernelSystem(variant, starts, [claim]), { maxStates, maxDepth: below - 1 });
  const o = r.outcomes[0];
  const race = o.start === null || o.schedule === null ? null : { scenario: starts[o.start], schedule: scheduleOfRun(variant, starts[o.start], o.schedule, r.symmetric) };
  // A search that ran out of states proves nothing about the depths it did not reach.
  if (race !== null || r.states < maxStates) known.set(key, { below, race });
  return race;
}

interface Race {
  readonly scenario: Scenario;
  readonly schedule: number[];
}

/** What a search cut at `below` steps found: the shortest race of the family, or that there is none so short. */
interface Known {
  readonly below: number;
  readonly race: Race | null;
}

const memo = new WeakMap<Variant, Map<string, Known>>();
