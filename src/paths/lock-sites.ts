import { type LockKind, type LockMode } from '../model/locks';
import { lockTake } from '../model/rwsem-queue';
import { dropLock } from '../model/lock-ownership';
import { lockOf } from '../variants/lock-table';
import type { Variant } from '../variants/variant';
import { ALWAYS, type ProgramBuilder } from './program';

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

/** Take the variant's lock `lock` (built-in or its own) in one step that blocks until it can be had (an rwsem's writer may queue first: model/rwsem-queue.ts). */
export function emitTake(b: ProgramBuilder, v: Variant, lock: string, mode: LockMode): void {
  const { word, kind } = lockOf(v, lock);
  b.add({ name: lockStepName(lock, mode, true, kind), ...lockTake(word, mode, kind) });
}

/** Drop the variant's lock `lock` in one step. Releasing never blocks. */
export function emitDrop(b: ProgramBuilder, v: Variant, lock: string, mode: LockMode): void {
  const { word, kind } = lockOf(v, lock);
  const name = lockStepName(lock, mode, false, kind);
  b.step(name, ALWAYS, (s, t, m) => dropLock(s, m, t, word, mode, name));
}
