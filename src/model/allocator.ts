import { type Layout, OWNER_FREE, OWNER_FREED_UNCOMMITTED } from './layout';
import type { State } from './state';

/** The block allocator's reuse policy for blocks freed by the punch. */
export type ReusePolicy = 'immediate' | 'after-commit';
export const REUSE_POLICIES: readonly ReusePolicy[] = ['immediate', 'after-commit'];

export function owner(s: State, L: Layout, b: number): number {
  return s[L.deviceOwner + b];
}

/**
 * ext4_mb_new_blocks, reduced: hand out the lowest-numbered free block, or
 * -1 (ENOSPC). Lowest-first means a block the punch just freed is the first
 * one bar gets, which is the reuse the races need; the real allocator may
 * pick another block, so this model finds a subset of the kernel's
 * interleavings, never one the kernel cannot take.
 */
export function allocBlock(s: State, L: Layout, newOwner: number): number {
  for (let b = 0; b < L.deviceBlocks; b++) {
    if (s[L.deviceOwner + b] === OWNER_FREE) {
      s[L.deviceOwner + b] = newOwner;
      return b;
    }
  }
  return -1;
}

/**
 * Free a block. Under `immediate` it can be handed out at once (3.x and 4.4);
 * under `after-commit` only once the transaction that freed it commits
 * (5.10, except data=writeback). Its old data stays on the device either way.
 */
export function freeBlock(s: State, L: Layout, b: number, reuse: ReusePolicy): void {
  s[L.deviceOwner + b] = reuse === 'immediate' ? OWNER_FREE : OWNER_FREED_UNCOMMITTED;
}

/** jbd2 commit: blocks freed in the committed transaction become reusable. */
export function commitFreedBlocks(s: State, L: Layout): void {
  for (let b = 0; b < L.deviceBlocks; b++) {
    if (s[L.deviceOwner + b] === OWNER_FREED_UNCOMMITTED) s[L.deviceOwner + b] = OWNER_FREE;
  }
}
