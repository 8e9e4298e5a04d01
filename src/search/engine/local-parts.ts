import { Partition } from './partition';
import { StateBudget } from './state-budget';
import type { Parts } from './partitioned-bfs';
import type { RecipeSystem } from './system-recipe';

export interface PartsOptions {
  readonly parts: number;
  readonly maxStates: number;
  readonly symmetry: boolean;
  readonly pruning: boolean;
  readonly memoryExhausted?: () => boolean;
}

/**
 * The parts of a partitioned search in this thread, one after another: the
 * same levels, batches and order as on worker threads (thread-parts.ts),
 * so a test can compare the two, and both with bfs.ts, deterministically.
 * Each part gets its own system from `make` (systems keep scratch states).
 */
export function localParts<S>(make: () => RecipeSystem<S>, o: PartsOptions): Parts {
  const budget = new StateBudget(o.maxStates);
  const made = Array.from({ length: o.parts }, () => make());
  const parts = made.map((m, part) => new Partition(m.system, {
    part, parts: o.parts, budget, symmetry: o.symmetry && m.system.canonical !== undefined, pruning: o.pruning, memoryExhausted: o.memoryExhausted,
  }));
  return {
    budget,
    seed: (active) => Promise.resolve(parts.map((p, k) => p.seed(made[k].system.starts(), active))),
    level(active) {
      const sent = parts.map((p) => p.expand(active));
      parts.forEach((p, to) => sent.forEach((batches, from) => from !== to && p.absorb(batches[to])));
      return Promise.resolve(parts.map((p) => p.endLevel()));
    },
    link: (node) => Promise.resolve(parts[node % o.parts].link(node)),
    finish: () => Promise.resolve({ transitions: parts.reduce((n, p) => n + p.transitions, 0), extras: made.map((m) => m.extras()) }),
  };
}
