import { canAcquire, acquire, release, LOCK_WORD, type LockMode, type LockName } from '../model/locks';
import type { LockUse } from '../variants/variant';
import { ALWAYS, jump, type Label, type ProgramBuilder } from './program';

/** The kernel's own names for taking and dropping each lock, so a trace reads like the source. */
export function lockStepName(lock: LockName, mode: LockMode, take: boolean): string {
  if (lock === 'i_rwsem') return `inode_${take ? 'lock' : 'unlock'}${mode === 'shared' ? '_shared' : ''}`;
  if (lock === 'invalidate_lock') return `filemap_invalidate_${take ? 'lock' : 'unlock'}${mode === 'shared' ? '_shared' : ''}`;
  return `${take ? 'down' : 'up'}_${mode === 'shared' ? 'read' : 'write'}(${lock})`;
}

/** One step per lock of the site, in order; each blocks until its lock can be had. */
export function emitAcquire(b: ProgramBuilder, uses: readonly LockUse[]): void {
  for (const { lock, mode } of uses) {
    const word = LOCK_WORD[lock];
    b.step(lockStepName(lock, mode, true), (s) => canAcquire(s, word, mode), (s) => acquire(s, word, mode));
  }
}

/** One step per lock of the site, in reverse order. Releasing never blocks. */
export function emitRelease(b: ProgramBuilder, uses: readonly LockUse[]): void {
  for (const { lock, mode } of [...uses].reverse()) {
    const word = LOCK_WORD[lock];
    b.step(lockStepName(lock, mode, false), ALWAYS, (s) => release(s, word, mode));
  }
}

/**
 * An out-of-line exit from inside a site: release its locks, then continue
 * at `target` (a retry, usually). With no locks the exit is `target` itself.
 */
export function releaseThen(b: ProgramBuilder, uses: readonly LockUse[], target: Label): Label {
  if (uses.length === 0) return target;
  const start = b.label(`release-then-${target.name}`);
  b.outOfLine(() => {
    b.here(start);
    const reversed = [...uses].reverse();
    reversed.forEach(({ lock, mode }, i) => {
      const word = LOCK_WORD[lock];
      const last = i === reversed.length - 1;
      b.step(lockStepName(lock, mode, false), ALWAYS, (s, t) => {
        release(s, word, mode);
        if (last) jump(s, t, target);
      });
    });
  });
  return start;
}
