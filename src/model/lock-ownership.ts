import { extraGlobal, G, T_OP } from './layout';
import { acquire, release, type LockMode } from './locks';
import { ModelError } from './model-error';
import type { Model } from './model';
import type { State } from './state';

/**
 * Each thread records the locks it holds, two bits a lock in its held word
 * (Layout.threadHeld): SHARED or EXCLUSIVE. Built-in lock k (state word k)
 * is at bits 2k, a variant's own lock k at bits 2(4 + k). Lockdep does the
 * same per task (5.15 include/linux/sched.h, task_struct.held_locks);
 * releasing a lock the thread does not hold, or in the other mode, is a
 * model error naming the step, as lockdep warns "bad unlock balance
 * detected" (5.15 kernel/locking/lockdep.c, __lock_release and
 * print_unlock_imbalance_bug).
 */
const SHARED = 1;
const EXCLUSIVE = 2;
/** Not held: the thread waits in the lock's queue for exclusive ownership (rwsem-queue.ts). */
export const QUEUED = 3;
const BUILTIN_WORDS = G.INVALIDATE_LOCK + 1;

function shift(word: number): number {
  return 2 * (word < BUILTIN_WORDS ? word : BUILTIN_WORDS + word - extraGlobal(0));
}

const bits = (mode: LockMode): number => (mode === 'shared' ? SHARED : EXCLUSIVE);

/** How thread `t` holds the lock at `word`: 0, SHARED or EXCLUSIVE. */
export const heldBits = (s: State, m: Model, t: number, word: number): number => (s[t + m.layout.threadHeld] >> shift(word)) & 3;

/** Thread `t` joins the wait queue of the rwsem at `word` for exclusive ownership (model/rwsem-queue.ts). */
export function queueForLock(s: State, m: Model, t: number, word: number): void {
  s[t + m.layout.threadHeld] = signed16(s[t + m.layout.threadHeld] | (QUEUED << shift(word)));
}

/** The held word kept as a signed 16-bit value, as every state word is (model/fingerprint.ts wordsFit): 8 locks fill its 16 bits. */
const signed16 = (v: number): number => (v << 16) >> 16;

/**
 * Thread `t` takes the lock at `word` (its guard has checked it can) and
 * records that it holds it; a second shared hold of an rwsem it holds
 * shared is recorded in its held-twice word (a third is a ModelError: no
 * path nests one lock three deep).
 */
export function takeLock(s: State, m: Model, t: number, word: number, mode: LockMode): void {
  if (mode === 'shared' && heldBits(s, m, t, word) === SHARED) {
    const twice = 1 << (shift(word) / 2);
    if ((s[t + m.layout.threadHeldTwice] & twice) !== 0) throw new ModelError(`model error: ${m.programs[s[t + T_OP]].op}: thread ${m.layout.threadIndex(t)} takes ${lockName(m, word)} shared a third time`);
    acquire(s, word, mode);
    s[t + m.layout.threadHeldTwice] |= twice;
    return;
  }
  acquire(s, word, mode);
  const others = s[t + m.layout.threadHeld] & ~(3 << shift(word)); // a queued writer leaves the queue as it takes the lock
  s[t + m.layout.threadHeld] = signed16(others | (bits(mode) << shift(word)));
}

/** Thread `t` releases the lock at `word` in step `step`; a lock it does not hold in that mode is a ModelError. */
export function dropLock(s: State, m: Model, t: number, word: number, mode: LockMode, step: string): void {
  const held = heldBits(s, m, t, word);
  if (held !== bits(mode)) throw new ModelError(badUnlock(s, m, t, word, mode, step, held));
  const twice = 1 << (shift(word) / 2);
  if ((s[t + m.layout.threadHeldTwice] & twice) !== 0) {
    s[t + m.layout.threadHeldTwice] &= ~twice; // the inner of two nested shared holds
    release(s, word, mode);
    return;
  }
  s[t + m.layout.threadHeld] = signed16(s[t + m.layout.threadHeld] & ~(3 << shift(word)));
  release(s, word, mode);
}

/** The locks thread `t` holds, by state word, with their mode, a lock held shared twice listed twice (the tests check them against the lock words). */
export function locksHeld(s: State, m: Model, t: number): Array<{ word: number; mode: LockMode }> {
  return m.locks.flatMap(({ word }) => {
    const b = heldBits(s, m, t, word);
    if (b === 0 || b === QUEUED) return [];
    const entry = { word, mode: b === SHARED ? ('shared' as const) : ('exclusive' as const) };
    return (s[t + m.layout.threadHeldTwice] & (1 << (shift(word) / 2))) !== 0 ? [entry, entry] : [entry];
  });
}

function badUnlock(s: State, m: Model, t: number, word: number, mode: LockMode, step: string, held: number): string {
  const lock = lockName(m, word);
  const how = held === 0 || held === QUEUED ? 'does not hold it' : `holds it ${held === SHARED ? 'shared' : 'exclusive'}`;
  return `model error: ${m.programs[s[t + T_OP]].op} step "${step}": thread ${m.layout.threadIndex(t)} releases ${lock} ${mode} but ${how}`;
}

const lockName = (m: Model, word: number): string => m.locks.find((l) => l.word === word)?.name ?? `lock word ${word}`;

/** Does thread `t` hold the lock at `word` in `mode`? */
export function holdsLock(s: State, m: Model, t: number, word: number, mode: LockMode): boolean {
  return heldBits(s, m, t, word) === bits(mode);
}
