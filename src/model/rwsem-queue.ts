import { heldBits, QUEUED, queueForLock, takeLock } from './lock-ownership';
import type { LockKind, LockMode } from './locks';
import type { Model } from './model';
import type { Effect, Guard, Step } from './program';
import type { State } from './state';

/**
 * Read-write semaphores queue a new reader behind a waiting writer
 * (kernel-facts.md, "Lock order"): 5.15 kernel/locking/rwsem.c,
 * rwsem_read_trylock fails while RWSEM_FLAG_WAITERS is set, and
 * rwsem_down_read_slowpath queues the reader (`goto queue`) when the lock
 * is held by readers (rcnt > 1); it may steal the lock only when no one
 * holds it. So, in the model, a writer that finds the rwsem held shared
 * may join its queue (a step of its own, `queueWriter`), and while it waits
 * there a new down_read waits as well, until the holders have gone; a
 * thread that already holds the rwsem shared and takes it again blocks
 * for good. A writer that finds the lock free takes it at once; one that
 * finds it held exclusive just waits (readers wait for that writer
 * anyway). A mutex has no readers to hold off: its waiters are not
 * recorded. The order in which waiters are woken is not modelled: any
 * waiter whose guard holds may go.
 */

/** Does some thread wait in the queue of the lock at `word`? */
export function writerQueued(s: State, m: Model, word: number): boolean {
  for (let i = 0; i < m.layout.threads; i++) if (heldBits(s, m, m.layout.thread(i), word) === QUEUED) return true;
  return false;
}

/** The guard of a step that takes the lock at `word`: it can be had now, or (a writer on an rwsem held shared) the thread can join its queue. */
export function takeGuard(word: number, mode: LockMode, kind: LockKind): Guard {
  if (mode === 'shared') return (s, _t, m) => s[word] === 0 || (s[word] > 0 && !writerQueued(s, m, word));
  if (kind === 'mutex') return (s) => s[word] === 0;
  return (s, t, m) => s[word] === 0 || (s[word] > 0 && heldBits(s, m, t, word) !== QUEUED);
}

/**
 * The first half of a writer's take of an rwsem (Step.queue): when the
 * lock is held shared, the thread joins its queue, stays at the step, and
 * returns true; otherwise it returns false and the step takes the lock.
 */
export function queueWriter(word: number): (s: State, t: number, m: Model) => boolean {
  return (s, t, m) => {
    if (s[word] <= 0) return false;
    queueForLock(s, m, t, word);
    return true;
  };
}

/** A step's guard, queue half and effect that take the lock at `word` in `mode`. */
export function lockTake(word: number, mode: LockMode, kind: LockKind): Pick<Step, 'guard' | 'queue' | 'effect'> {
  const effect: Effect = (s, t, m) => takeLock(s, m, t, word, mode);
  const guard = takeGuard(word, mode, kind);
  return mode === 'exclusive' && kind === 'rwsem' ? { guard, queue: queueWriter(word), effect } : { guard, effect };
}
