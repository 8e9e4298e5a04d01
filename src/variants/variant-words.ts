import { extraGlobal, Layout } from '../model/layout';
import type { Geometry } from '../model/geometry';
import type { Variant } from './variant';

/**
 * The state words a variant adds to the model, none for the built-ins:
 * after the globals, one a lock of its own (lock-table.ts) then one a
 * counter; in each thread's record, after its results, two a recheck (the
 * counter as sampled, and the retries taken).
 */
export function variantLayout(geometry: Geometry, threads: number, v: Pick<Variant, 'newLocks' | 'counters' | 'rechecks'>): Layout {
  return new Layout(geometry, threads, v.newLocks.length + v.counters.length, 2 * v.rechecks.length);
}

/** The global word of counter k. */
export function counterWord(v: Pick<Variant, 'newLocks'>, k: number): number {
  return extraGlobal(v.newLocks.length + k);
}

/** Offsets in a thread's record of recheck k's sampled counter and its retries taken. */
export function recheckWords(L: Layout, k: number): { sample: number; retries: number } {
  return { sample: L.threadExtra + 2 * k, retries: L.threadExtra + 2 * k + 1 };
}
