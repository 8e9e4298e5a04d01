/**
 * A part of a partitioned search on its own thread (thread-parts.ts starts
 * it): makes its system from the recipe, answers the coordinator's
 * requests, and swaps batches with the other parts directly.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Batch } from './batch';
import { Partition } from './partition';
import { StateBudget } from './state-budget';
import { systemOfRecipe } from './system-recipe';
import type { PartRequest, PartWorkerData } from './thread-parts';

const d = workerData as PartWorkerData;
const made = await systemOfRecipe(d.recipe);
const budget = new StateBudget(d.maxStates, d.budget);
const maxBytes = d.maxMemoryMb === null ? Number.POSITIVE_INFINITY : d.maxMemoryMb * 2 ** 20;
const part = new Partition(made.system, {
  part: d.part, parts: d.parts, budget, symmetry: d.symmetry && made.system.canonical !== undefined, pruning: d.pruning,
  memoryExhausted: () => process.memoryUsage.rss() > maxBytes,
});

/** Batches received, by level, by the part that sent them; and who waits for a level's to be complete. */
const inbox = new Map<number, Array<Batch | undefined>>();
const waiting = new Map<number, () => void>();
let level = 0;
const complete = (l: number): boolean => (inbox.get(l)?.filter((b) => b !== undefined).length ?? 0) === d.parts - 1;
d.peers.forEach((port, from) => port?.on('message', (m: { level: number; batch: Batch }) => {
  const got = inbox.get(m.level) ?? Array.from<Batch | undefined>({ length: d.parts });
  got[from] = m.batch;
  inbox.set(m.level, got);
  if (complete(m.level)) waiting.get(m.level)?.();
}));

async function makeLevel(active: number) {
  const l = level++;
  const out = part.expand(active);
  // The batches' chunks are shared memory: posting them shares them, nothing is copied.
  d.peers.forEach((port, to) => port?.postMessage({ level: l, batch: out[to] }));
  if (!complete(l)) await new Promise<void>((resolve) => waiting.set(l, resolve));
  waiting.delete(l);
  // In the order of the parts, whatever order they arrived in: the level's states are then made in a fixed order.
  for (const b of inbox.get(l) ?? []) if (b !== undefined) part.absorb(b);
  inbox.delete(l);
  return part.endLevel();
}

parentPort!.on('message', async (req: PartRequest) => {
  if (req.kind === 'seed') parentPort!.postMessage(part.seed(made.system.starts(), req.active));
  else if (req.kind === 'level') parentPort!.postMessage(await makeLevel(req.active));
  else if (req.kind === 'link') parentPort!.postMessage(part.link(req.node));
  else parentPort!.postMessage({ transitions: part.transitions, extras: made.extras() });
});
