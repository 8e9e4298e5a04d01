import { canAcquire, acquire, release, type LockKind, type LockMode } from '../model/locks';
import { lockOf } from '../variants/lock-table';
import type { LockUse, Variant } from '../variants/variant';
import { ALWAYS, jump, type Label, type ProgramBuilder } from './program';

/** The kernel's own names for taking and dropping each lock, so a trace reads like the source. */
export function lockStepName(lock: string, mode: LockMode, take: boolean, kind: LockKind = 'rwsem'): string {
  if (lock === 'i_rwsem') return `inode_${take ? 'lock' : 'unlock'}${mode === 'shared' ? '_shared' : ''}`;
  if (lock === 'invalidate_lock') return `filemap_invalidate_${take ? 'lock' : 'unlock'}${mode === 'shared' ? '_shared' : ''}`;
  if (kind === 'mutex') return `mutex_${take ? 'lock' : 'unlock'}(${lock})`;
  return `${take ? 'down' : 'up'}_${mode === 'shared' ? 'read' : 'write'}(${lock})`;
}

/** Take the variant's lock `lock` (built-in or its own) in one step that blocks until it can be had. */
export function emitTake(b: ProgramBuilder, v: Variant, lock: string, mode: LockMode): void {
  const { word, kind } = lockOf(v, lock);
  b.step(lockStepName(lock, mode, true, kind), (s) => canAcquire(s, word, mode), (s) => acquire(s, word, mode));
}

/** Drop the variant's lock `lock` in one step; then, if given, continue at `then`. Releasing never blocks. */
export function emitDrop(b: ProgramBuilder, v: Variant, lock: string, mode: LockMode, then?: Label): void {
  const { word, kind } = lockOf(v, lock);
  b.step(lockStepName(lock, mode, false, kind), ALWAYS, (s, t) => {
    release(s, word, mode);
    if (then !== undefined) jump(s, t, then);
  });
}

/** One step per lock of the site, in order; each blocks until its lock can be had. */
export function emitAcquire(b: ProgramBuilder, v: Variant, uses: readonly LockUse[]): void {
  for (const { lock, mode } of uses) emitTake(b, v, lock, mode);
}

/** One step per lock of the site, in reverse order. Releasing never blocks. */
export function emitRelease(b: ProgramBuilder, v: Variant, uses: readonly LockUse[]): void {
  for (const { lock, mode } of [...uses].reverse()) emitDrop(b, v, lock, mode);
}

/**
 * An out-of-line exit from inside a site: release its locks, then continue
 * at `target` (a retry, usually). With no locks the exit is `target` itself.
 */
export function releaseThen(b: ProgramBuilder, v: Variant, uses: readonly LockUse[], target: Label): Label {
  if (uses.length === 0) return target;
  const start = b.label(`release-then-${target.name}`);
  b.outOfLine(() => {
    b.here(start);
    const reversed = [...uses].reverse();
    reversed.forEach(({ lock, mode }, i) => emitDrop(b, v, lock, mode, i === reversed.length - 1 ? target : undefined));
  });
  return start;
}
