import { BUF_UNMAPPED, type Layout, PG_BUFFERS, PTE_NONE, PTE_READ, PTE_WRITE, T_ARG0, T_ARG1, T_LOCAL } from '../model/layout';
import {
  evictPage, firstBlockOfPage, hasFlag, isCached, pageBusy, pagesOfRange, pte, setBuffer, setPageData, setPte,
} from '../model/page-cache';
import type { State } from '../model/state';
import { ALWAYS, jump, type ProgramBuilder } from './program';

const CURSOR = T_LOCAL;

/**
 * T, truncate_pagecache_range over the punched blocks (mm/truncate.c):
 * first unmap_mapping_range zaps user mappings of the whole pages in the
 * range, then each cached page is taken in turn, waiting for its lock and
 * its writeback, and dropped, dirty or not. A page only partly in the range
 * stays cached: the punched blocks are zeroed in it and their buffers
 * discarded (block_invalidatepage). The walk only sees pages cached when it
 * reaches them: a page inserted behind it stays.
 */
export function emitTruncatePagecacheRange(b: ProgramBuilder, writeProtectPartial: boolean): void {
  const loop = b.label('truncate-loop');
  const after = b.label('truncate-done');
  if (writeProtectPartial) {
    // 6.15 ext4_truncate_page_cache_block_range: a partly punched page is write-protected first, so a store faults.
    b.step('ext4_truncate_folio', ALWAYS, (s, t, m) => {
      const L = m.layout;
      const [first, last] = pagesOfRange(L, s[t + T_ARG0], s[t + T_ARG1]);
      for (let p = first; p < last; p++) if (!isWholePage(s, t, L, p) && pte(s, L, p) === PTE_WRITE) setPte(s, L, p, PTE_READ);
    });
  }
  b.step('unmap_mapping_range', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const [first, last] = pagesOfRange(L, s[t + T_ARG0], s[t + T_ARG1]);
    for (let p = first; p < last; p++) if (isWholePage(s, t, L, p)) setPte(s, L, p, PTE_NONE);
    s[t + CURSOR] = first;
    if (nextCached(s, t, L) < 0) jump(s, t, after);
  });
  b.here(loop);
  b.step(
    'truncate_inode_pages_range',
    (s, t, m) => {
      const p = nextCached(s, t, m.layout);
      return p < 0 || !pageBusy(s, m.layout, p);
    },
    (s, t, m) => {
      const L = m.layout;
      const p = nextCached(s, t, L);
      if (p < 0) return;
      if (isWholePage(s, t, L, p)) evictPage(s, L, p);
      else discardPunchedBlocks(s, t, L, p);
      s[t + CURSOR] = p + 1;
      if (nextCached(s, t, L) >= 0) jump(s, t, loop);
    },
  );
  b.here(after);
}

function isWholePage(s: State, t: number, L: Layout, p: number): boolean {
  const first = firstBlockOfPage(L, p);
  return first >= s[t + T_ARG0] && first + L.blocksPerPage <= s[t + T_ARG1];
}

/** The next cached page of the range at or after the cursor, or -1. */
function nextCached(s: State, t: number, L: Layout): number {
  const last = pagesOfRange(L, s[t + T_ARG0], s[t + T_ARG1])[1];
  for (let p = s[t + CURSOR]; p < last; p++) if (isCached(s, L, p)) return p;
  return -1;
}

function discardPunchedBlocks(s: State, t: number, L: Layout, p: number): void {
  const first = firstBlockOfPage(L, p);
  for (let i = 0; i < L.blocksPerPage; i++) {
    const lblk = first + i;
    if (lblk < s[t + T_ARG0] || lblk >= s[t + T_ARG1]) continue;
    setPageData(s, L, p, i, 0);
    if (hasFlag(s, L, p, PG_BUFFERS)) setBuffer(s, L, p, i, BUF_UNMAPPED);
  }
}
