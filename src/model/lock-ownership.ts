import { extraGlobal, G, T_OP } from './layout';
import { acquire, release, type LockMode } from './locks';
import { ModelError } from './model-error';
import type { Model } from './model';
import type { State } from './state';

/**
 * Each thread records the locks it holds, two bits a lock in its held word
 * (Layout.threadHeld): SHARED or EXCLUSIVE. Built-in lock k (state word k)
 * is at bits 2k, a variant's own lock k at bits 2(4 + k). Lockdep does the
 * same per task (kernel/locking/lockdep.c, held_locks); releasing a lock
 * the thread does not hold, or in the other mode, is a model error naming
 * the step (lock_release's "bad unlock balance").
 */
const SHARED = 1;
const EXCLUSIVE = 2;
const BUILTIN_WORDS = G.INVALIDATE_LOCK + 1;

function shift(word: number): number {
  return 2 * (word < BUILTIN_WORDS ? word : BUILTIN_WORDS + word - extraGlobal(0));
}

const bits = (mode: LockMode): number => (mode === 'shared' ? SHARED : EXCLUSIVE);

/** The held word kept as a signed 16-bit value, as every state word is (model/fingerprint.ts wordsFit): 8 locks fill its 16 bits. */
const signed16 = (v: number): number => (v << 16) >> 16;

/** Thread `t` takes the lock at `word` (its guard has checked it can) and records that it holds it. */
export function takeLock(s: State, m: Model, t: number, word: number, mode: LockMode): void {
  acquire(s, word, mode);
  s[t + m.layout.threadHeld] = signed16(s[t + m.layout.threadHeld] | (bits(mode) << shift(word)));
}

/** Thread `t` releases the lock at `word` in step `step`; a lock it does not hold in that mode is a ModelError. */
export function dropLock(s: State, m: Model, t: number, word: number, mode: LockMode, step: string): void {
  const at = shift(word);
  const held = (s[t + m.layout.threadHeld] >> at) & 3;
  if (held !== bits(mode)) throw new ModelError(badUnlock(s, m, t, word, mode, step, held));
  s[t + m.layout.threadHeld] = signed16(s[t + m.layout.threadHeld] & ~(3 << at));
  release(s, word, mode);
}

/** The locks thread `t` holds, by state word, with their mode: what the state view shows. */
export function locksHeld(s: State, m: Model, t: number): Array<{ word: number; mode: LockMode }> {
  const held = s[t + m.layout.threadHeld];
  return m.locks.flatMap(({ word }) => {
    const b = (held >> shift(word)) & 3;
    return b === 0 ? [] : [{ word, mode: b === SHARED ? ('shared' as const) : ('exclusive' as const) }];
  });
}

function badUnlock(s: State, m: Model, t: number, word: number, mode: LockMode, step: string, held: number): string {
  const lock = m.locks.find((l) => l.word === word)?.name ?? `lock word ${word}`;
  const how = held === 0 ? 'does not hold it' : `holds it ${held === SHARED ? 'shared' : 'exclusive'}`;
  return `model error: ${m.programs[s[t + T_OP]].op} step "${step}": thread ${m.layout.threadIndex(t)} releases ${lock} ${mode} but ${how}`;
}

/** Does thread `t` hold the lock at `word` in `mode`? */
export function holdsLock(s: State, m: Model, t: number, word: number, mode: LockMode): boolean {
  return ((s[t + m.layout.threadHeld] >> shift(word)) & 3) === bits(mode);
}
