import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { PartsOptions } from './local-parts';
import { StateBudget } from './state-budget';
import type { Parts } from './partitioned-bfs';
import type { SystemRecipe } from './system-recipe';

/** What a part's thread is started with (partition-worker.ts reads it). */
export interface PartWorkerData {
  readonly script: string;
  readonly recipe: SystemRecipe;
  readonly part: number;
  readonly parts: number;
  readonly budget: SharedArrayBuffer;
  readonly maxStates: number;
  readonly maxMemoryMb: number | null;
  readonly symmetry: boolean;
  readonly pruning: boolean;
  /** A port to each other part, by part (null for itself). */
  readonly peers: ReadonlyArray<MessagePort | null>;
}

export type PartRequest = { kind: 'seed' | 'level'; active: number } | { kind: 'link'; node: number } | { kind: 'finish' };

const BOOT = new URL('../../pool/ts-thread.mjs', import.meta.url);
const SCRIPT = new URL('./partition-worker.ts', import.meta.url).href;

/**
 * The parts of a partitioned search, one worker thread each, all at once;
 * the states, fingerprints and levels of a part live in its thread, the
 * batches go straight from part to part (a MessageChannel per pair, buffers
 * transferred, not copied), and only reports come here. `close` ends the
 * threads (call it also on failure).
 */
export function threadParts(recipe: SystemRecipe, o: Omit<PartsOptions, 'memoryExhausted'> & { maxMemoryMb?: number }): Parts & { close(): Promise<void> } {
  const budget = new StateBudget(o.maxStates);
  const peers: Array<Array<MessagePort | null>> = Array.from({ length: o.parts }, () => Array.from({ length: o.parts }, () => null));
  for (let i = 0; i < o.parts; i++) {
    for (let j = i + 1; j < o.parts; j++) {
      const { port1, port2 } = new MessageChannel();
      peers[i][j] = port1;
      peers[j][i] = port2;
    }
  }
  let failure: Error | null = null;
  const pending = new Map<Worker, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const workers = peers.map((mine, part) => {
    const data: PartWorkerData = {
      script: SCRIPT, recipe, part, parts: o.parts, budget: budget.buffer, maxStates: o.maxStates, maxMemoryMb: o.maxMemoryMb ?? null,
      symmetry: o.symmetry, pruning: o.pruning, peers: mine,
    };
    const w = new Worker(BOOT, { workerData: data, transferList: mine.filter((p): p is MessagePort => p !== null) });
    w.on('message', (m: unknown) => {
      const p = pending.get(w);
      pending.delete(w);
      p?.resolve(m);
    });
    const fail = (e: Error) => {
      failure ??= e;
      for (const p of pending.values()) p.reject(failure);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => code !== 0 && fail(new Error(`partition worker ${part} exited with code ${code}`)));
    return w;
  });
  const ask = <R>(w: Worker, req: PartRequest): Promise<R> => new Promise<R>((resolve, reject) => {
    if (failure !== null) return reject(failure);
    pending.set(w, { resolve: resolve as (v: unknown) => void, reject });
    w.postMessage(req);
  });
  const all = <R>(req: PartRequest): Promise<R[]> => Promise.all(workers.map((w) => ask<R>(w, req)));
  return {
    budget,
    seed: (active) => all({ kind: 'seed', active }),
    level: (active) => all({ kind: 'level', active }),
    link: (node) => ask(workers[node % o.parts], { kind: 'link', node }),
    async finish() {
      const done = await all<{ transitions: number; extras: unknown }>({ kind: 'finish' });
      return { transitions: done.reduce((n, d) => n + d.transitions, 0), extras: done.map((d) => d.extras) };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
