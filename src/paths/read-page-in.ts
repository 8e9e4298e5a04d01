import type { State } from '../model/state';
import { canDownRead } from '../model/locks';
import { deviceRead } from '../model/device';
import { readableBlock } from '../model/extents';
import { isConfused } from '../model/file-layout';
import {
  BUF_UNMAPPED, G, HOLE, type Layout, PG_BUFFERS, PG_LOCKED, PG_UPTODATE, T_ARG0, T_LOCAL,
} from '../model/layout';
import {
  clearFlags, firstBlockOfPage, insertPage, isCached, setBuffer, setFlags, setPageData,
} from '../model/page-cache';
import { ALWAYS, jump, type Label, type ProgramBuilder } from './program';

/**
 * The miss path of read(2) and of a page fault (mm/filemap.c: 3.13
 * do_generic_file_read and filemap_fault, 5.15 filemap_get_pages): the page is inserted locked *before* its blocks are
 * looked up, the lookup and the device read are separate steps, and what
 * the block holds at the read step is what the page gets.
 *
 * Locals: L0.. the blocks looked up (HOLE for a hole), until the device
 * read; L2.. the data read, kept only when `keepsData` (read(2) copies what
 * it read in; a fault reads the page itself later). A local no step reads
 * again is cleared, so that it does not tell apart states that are alike.
 * `onRace` is where to go if another thread inserted the page first;
 * `arg`, the thread's argument that holds the page (the buffer's page of
 * a write from a mapping of foo is its second).
 */
export function emitReadPageIn(b: ProgramBuilder, onRace: Label, keepsData: boolean, arg = T_ARG0): void {
  b.step('add_to_page_cache_lru', ALWAYS, (s, t, m) => {
    const p = s[t + arg];
    if (isCached(s, m.layout, p)) {
      jump(s, t, onRace);
      return;
    }
    insertPage(s, m.layout, p);
  });
  b.step('ext4_map_blocks', (s) => canDownRead(s, G.I_DATA_SEM), (s, t, m) => {
    mapPageForRead(s, m.layout, s[t + arg], t);
  });
  b.step('submit_bio', ALWAYS, (s, t, m) => {
    readMappedBlocks(s, m.layout, s[t + arg], t, keepsData);
  });
  b.step('page_endio', ALWAYS, (s, t, m) => {
    const p = s[t + arg];
    setFlags(s, m.layout, p, PG_UPTODATE);
    clearFlags(s, m.layout, p, PG_LOCKED);
  });
}

/**
 * ext4_map_blocks for a read, under i_data_sem shared, of a page just
 * inserted (so without buffers). mpage reads a page without buffers unless
 * it is confused (file-layout.ts isConfused: 3.13 do_mpage_readpage, 4.4 -
 * 5.15 ext4_mpage_readpages); a confused page goes through
 * block_read_full_page, which attaches buffers mapped to the blocks found
 * (unmapped over a hole). With one block a page, never.
 */
export function mapPageForRead(s: State, L: Layout, p: number, t: number): void {
  const first = firstBlockOfPage(L, p);
  const confused = L.blocksPerPage > 1 && isConfused(s, L, first);
  for (let i = 0; i < L.blocksPerPage; i++) {
    const blk = readableBlock(s, L, first + i);
    s[t + T_LOCAL + i] = blk;
    if (confused) setBuffer(s, L, p, i, blk === HOLE ? BUF_UNMAPPED : blk);
  }
  if (confused) setFlags(s, L, p, PG_BUFFERS);
}

/** The device read: each block looked up is read as it is now; a hole reads as zeros. */
export function readMappedBlocks(s: State, L: Layout, p: number, t: number, keepsData: boolean): void {
  for (let i = 0; i < L.blocksPerPage; i++) {
    const blk = s[t + T_LOCAL + i];
    s[t + T_LOCAL + i] = 0;
    const tag = blk === HOLE ? 0 : deviceRead(s, L, blk);
    setPageData(s, L, p, i, tag);
    if (keepsData) s[t + T_LOCAL + 2 + i] = tag;
  }
}
