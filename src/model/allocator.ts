import { type Layout, OWNER_FREE, OWNER_FREED_UNCOMMITTED } from './layout';
import { isOrdered, type Mount } from './mount';
import type { State } from './state';


export function owner(s: State, L: Layout, b: number): number {
  return s[L.deviceOwner + b];
}

/**
 * ext4_mb_new_blocks, reduced: hand out the lowest-numbered free block, or
 * -1 (ENOSPC). Lowest-first means a block the punch just freed is the first
 * one bar gets, which is the mount the races need; the real allocator may
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
 * Free a data block (ext4_free_blocks): under data=ordered it waits for the
 * commit of the running transaction (journal.ts); under data=writeback (or
 * without a journal) it can be handed out at once. Its old data stays on
 * the device either way.
 */
export function freeBlock(s: State, L: Layout, b: number, mount: Mount): void {
  s[L.deviceOwner + b] = isOrdered(mount) ? OWNER_FREED_UNCOMMITTED : OWNER_FREE;
}
