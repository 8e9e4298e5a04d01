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

/** The steps that look up or allocate blocks, each waiting for i_data_sem (read-page-in, readahead, writeback, dio-read, dio-write, write, mmap-write). */
export const BLOCK_LOOKUPS: ReadonlySet<string> = new Set(['ext4_map_blocks', 'ext4_da_get_block_prep', 'ext4_convert_unwritten_extents']);

/** A step name lockStepName made, read back: which lock, how, and whether it is taken; null for any other step. */
export function lockOfStepName(name: string): { lock: string; mode: LockMode; take: boolean } | null {
  const kernel = /^(inode|filemap_invalidate)_(lock|unlock)(_shared)?$/.exec(name);
  if (kernel !== null) return { lock: kernel[1] === 'inode' ? 'i_rwsem' : 'invalidate_lock', mode: kernel[3] ? 'shared' : 'exclusive', take: kernel[2] === 'lock' };
  const mutex = /^mutex_(lock|unlock)\(([a-z_][a-z0-9_]*)\)$/.exec(name);
  if (mutex !== null) return { lock: mutex[2], mode: 'exclusive', take: mutex[1] === 'lock' };
  const rw = /^(down|up)_(read|write)\(([a-z_][a-z0-9_]*)\)$/.exec(name);
  return rw === null ? null : { lock: rw[3], mode: rw[2] === 'read' ? 'shared' : 'exclusive', take: rw[1] === 'down' };
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
