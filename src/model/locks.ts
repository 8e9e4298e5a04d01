import { G } from './layout';
import type { State } from './state';

/**
 * Read-write semaphores as one word each: 0 free, -1 held exclusive, n > 0
 * held shared by n. Writer-waiting fairness (a queued writer holding off new
 * readers) is not modelled: a guard only asks whether the lock is free now.
 */
export const LOCK_NAMES = ['i_rwsem', 'i_data_sem', 'i_mmap_sem', 'invalidate_lock'] as const;
export type LockName = (typeof LOCK_NAMES)[number];
export type LockMode = 'shared' | 'exclusive';
/** A variant's own lock is a read-write semaphore or a mutex (taken exclusive only); the built-ins are rwsems. */
export const LOCK_KINDS = ['rwsem', 'mutex'] as const;
export type LockKind = (typeof LOCK_KINDS)[number];

/**
 * The kernel's order of the built-in locks, outermost first
 * (docs/kernel-facts.md, "Lock order"): i_rwsem, then i_mmap_sem (4.5 -
 * 5.14) or invalidate_lock (5.15+), then i_data_sem. A variant's own lock
 * is placed in it after a lock it names.
 */
export const BUILTIN_LOCK_ORDER: readonly LockName[] = ['i_rwsem', 'i_mmap_sem', 'invalidate_lock', 'i_data_sem'];

/** A lock of a model: its name, its kind, and the state word that holds it. */
export interface LockInfo {
  readonly name: string;
  readonly kind: LockKind;
  readonly word: number;
}

export const LOCK_WORD: { readonly [K in LockName]: number } = {
  i_rwsem: G.I_RWSEM,
  i_data_sem: G.I_DATA_SEM,
  i_mmap_sem: G.I_MMAP_SEM,
  invalidate_lock: G.INVALIDATE_LOCK,
};


export function isLockName(name: string): name is LockName {
  return (LOCK_NAMES as readonly string[]).includes(name);
}

export const canDownRead = (s: State, word: number): boolean => s[word] >= 0;
export const canDownWrite = (s: State, word: number): boolean => s[word] === 0;

export function downRead(s: State, word: number): void {
  s[word]++;
}
export function upRead(s: State, word: number): void {
  s[word]--;
}
export function downWrite(s: State, word: number): void {
  s[word] = -1;
}
export function upWrite(s: State, word: number): void {
  s[word] = 0;
}

export function canAcquire(s: State, word: number, mode: LockMode): boolean {
  return mode === 'shared' ? canDownRead(s, word) : canDownWrite(s, word);
}
export function acquire(s: State, word: number, mode: LockMode): void {
  if (mode === 'shared') downRead(s, word);
  else downWrite(s, word);
}
export function release(s: State, word: number, mode: LockMode): void {
  if (mode === 'shared') upRead(s, word);
  else upWrite(s, word);
}
