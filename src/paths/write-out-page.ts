import { allocBlock } from '../model/allocator';
import { fooDeviceWrite } from '../model/device';
import { convertUnwritten, setFooBlock } from '../model/extents';
import {
  BUF_DELAYED, BUF_UNMAPPED, HOLE, type Layout, OWNER_FOO, PG_BUFFERS, PG_CACHED, PG_DIRTY, PTE_READ, PTE_WRITE,
} from '../model/layout';
import {
  buffer, clearFlags, firstBlockOfPage, hasFlag, pageData, pageFlags, pte, setBuffer, setFlags, setPte,
} from '../model/page-cache';
import type { Model } from '../model/model';
import type { State } from '../model/state';

/**
 * Writing a dirty page of foo out, as writeback and
 * filemap_write_and_wait_range do (fs/ext4/inode.c ext4_writepages and
 * mpage_map_and_submit_extent):
 * delayed buffers get a block now, under i_data_sem exclusive; buffers
 * already mapped are written straight to their cached block, with no lookup.
 * An unmapped buffer in a dirty page is clean (a hole that was read, or a
 * buffer the punch discarded), since every write here covers a whole page.
 */

export function isDirty(s: State, L: Layout, p: number): boolean {
  return (pageFlags(s, L, p) & (PG_CACHED | PG_DIRTY)) === (PG_CACHED | PG_DIRTY);
}

/** Does writing this page out need blocks allocated (ext4_map_blocks with create)? */
export function needsAllocation(s: State, L: Layout, p: number): boolean {
  if (!hasFlag(s, L, p, PG_BUFFERS)) return true;
  for (let i = 0; i < L.blocksPerPage; i++) if (buffer(s, L, p, i) === BUF_DELAYED) return true;
  return false;
}

/**
 * Allocate blocks for delayed buffers (and map a page that has no buffers),
 * inserting the extents: unwritten under dioread_nolock (converted when the
 * write lands, in writeMappedBuffers), written otherwise.
 */
export function allocateDelayed(s: State, m: Model, p: number): void {
  const L = m.layout;
  const noBuffers = !hasFlag(s, L, p, PG_BUFFERS);
  setFlags(s, L, p, PG_BUFFERS);
  const first = firstBlockOfPage(L, p);
  for (let i = 0; i < L.blocksPerPage; i++) {
    const buf = noBuffers ? BUF_DELAYED : buffer(s, L, p, i);
    if (buf !== BUF_DELAYED) continue;
    let blk = s[L.fooMap + first + i];
    if (blk === HOLE) blk = allocBlock(s, L, OWNER_FOO);
    if (blk < 0) {
      setBuffer(s, L, p, i, BUF_DELAYED); // ENOSPC: the data stays in the page.
      continue;
    }
    if (s[L.fooMap + first + i] === HOLE) setFooBlock(s, L, first + i, blk, m.dioreadNolock);
    setBuffer(s, L, p, i, blk);
  }
}

/** The device write of every mapped buffer of the page, to the block the buffer names. */
export function writeMappedBuffers(s: State, m: Model, p: number, thread: number): void {
  const L = m.layout;
  for (let i = 0; i < L.blocksPerPage; i++) {
    const blk = buffer(s, L, p, i);
    if (blk >= 0) {
      fooDeviceWrite(s, m, blk, pageData(s, L, p, i), thread);
      convertUnwritten(s, L, firstBlockOfPage(L, p) + i, blk);
    }
    else if (blk !== BUF_UNMAPPED && blk !== BUF_DELAYED) throw new Error(`bad buffer ${blk}`);
  }
}

/** clear_page_dirty_for_io: the page is clean and write-protected in user mappings (page_mkclean). */
export function cleanPage(s: State, L: Layout, p: number): void {
  clearFlags(s, L, p, PG_DIRTY);
  if (pte(s, L, p) === PTE_WRITE) setPte(s, L, p, PTE_READ);
}

/** The whole write-out of one page in one step, for filemap_write_and_wait_range. */
export function writeOutPageNow(s: State, m: Model, p: number, thread: number): void {
  const L = m.layout;
  if (!isDirty(s, L, p)) return;
  cleanPage(s, L, p);
  allocateDelayed(s, m, p);
  writeMappedBuffers(s, m, p, thread);
}
