import { canDownRead } from '../model/locks';
import { deviceRead } from '../model/device';
import { readableBlock } from '../model/extents';
import {
  BUF_UNMAPPED, G, HOLE, type Layout, PG_BUFFERS, PG_LOCKED, PG_UPTODATE, T_ARG0, T_ARG1, T_LOCAL,
} from '../model/layout';
import {
  clearFlags, firstBlockOfPage, insertPage, isCached, setBuffer, setFlags, setPageData,
} from '../model/page-cache';
import type { State } from '../model/state';
import type { Variant } from '../variants/variant';
import { emitAcquire, emitRelease } from './lock-sites';
import { ALWAYS, jump, type Program, ProgramBuilder } from './program';

/** Locals of a readahead thread. */
const CURSOR = T_LOCAL; // the page being read, or the next one to look at
const BATCH = T_LOCAL + 1; // bit mask of the batch's pages that were not cached when it was allocated
const MAP_LBLK = T_LOCAL + 2; // the cached lookup: first logical block,
const MAP_PBLK = T_LOCAL + 3; //   its physical block (HOLE for a hole),
const MAP_LEN = T_LOCAL + 4; //   and how many blocks it covers (0: none yet)

/**
 * Readahead of pages X .. X+n-1 (kernel-facts.md, "Readahead"): the batch is
 * allocated, then each page is inserted and read. The block lookup is cached
 * across the batch: one ext4_map_blocks maps as far as the extent reaches,
 * and later pages reuse it without looking again, so a later page can be
 * inserted long after its block was looked up. 5.15 holds invalidate_lock
 * shared across the whole batch.
 */
export function readaheadProgram(v: Variant): Program {
  const b = new ProgramBuilder('readahead');
  const insert = b.label('insert');
  const map = b.label('map');
  const read = b.label('read');
  const done = b.label('done');
  const batch = v.locks['readahead.batch'];

  emitAcquire(b, batch);
  b.step('page_cache_ra_unbounded', ALWAYS, (s, t, m) => {
    let mask = 0;
    for (let k = 0; k < s[t + T_ARG1]; k++) if (!isCached(s, m.layout, s[t + T_ARG0] + k)) mask |= 1 << k;
    s[t + BATCH] = mask;
    s[t + CURSOR] = s[t + T_ARG0];
    if (mask === 0) jump(s, t, done);
  });
  b.here(insert);
  b.step('add_to_page_cache_lru', ALWAYS, (s, t, m) => {
    const p = nextToInsert(s, t, m.layout);
    if (p < 0) {
      jump(s, t, done);
      return;
    }
    insertPage(s, m.layout, p);
    s[t + CURSOR] = p;
    if (mapCovers(s, t, firstBlockOfPage(m.layout, p), m.layout.blocksPerPage)) jump(s, t, read);
  });
  b.here(map);
  b.step('ext4_map_blocks', (s) => canDownRead(s, G.I_DATA_SEM), (s, t, m) => lookupExtent(s, t, m.layout));
  b.here(read);
  b.step('submit_bio', ALWAYS, (s, t, m) => readFromCachedMap(s, t, m.layout));
  b.step('page_endio', ALWAYS, (s, t, m) => {
    const p = s[t + CURSOR];
    setFlags(s, m.layout, p, PG_UPTODATE);
    clearFlags(s, m.layout, p, PG_LOCKED);
    s[t + CURSOR] = p + 1;
    if (nextToInsert(s, t, m.layout) >= 0) jump(s, t, insert);
  });
  b.here(done);
  emitRelease(b, batch);
  return b.build();
}

/** The next page of the batch, at or after the cursor, that was allocated and is still not cached. */
function nextToInsert(s: State, t: number, L: Layout): number {
  const first = s[t + T_ARG0];
  for (let p = s[t + CURSOR]; p < first + s[t + T_ARG1]; p++) {
    if ((s[t + BATCH] & (1 << (p - first))) !== 0 && !isCached(s, L, p)) return p;
  }
  return -1;
}

function mapCovers(s: State, t: number, lblk: number, n: number): boolean {
  return s[t + MAP_LEN] > 0 && lblk >= s[t + MAP_LBLK] && lblk + n <= s[t + MAP_LBLK] + s[t + MAP_LEN];
}

/** One lookup from the page's first block to as far as the extent (or hole) runs, up to the batch's end. */
function lookupExtent(s: State, t: number, L: Layout): void {
  const start = firstBlockOfPage(L, s[t + CURSOR]);
  const limit = firstBlockOfPage(L, s[t + T_ARG0] + s[t + T_ARG1]);
  const pblk = readableBlock(s, L, start);
  let len = 1;
  while (start + len < limit) {
    const next = readableBlock(s, L, start + len);
    if (pblk === HOLE ? next !== HOLE : next !== pblk + len) break;
    len++;
  }
  s[t + MAP_LBLK] = start;
  s[t + MAP_PBLK] = pblk;
  s[t + MAP_LEN] = len;
}

/** The device read of the cursor's page through the cached lookup; buffers attached with two blocks a page. */
function readFromCachedMap(s: State, t: number, L: Layout): void {
  const p = s[t + CURSOR];
  const first = firstBlockOfPage(L, p);
  for (let i = 0; i < L.blocksPerPage; i++) {
    const within = first + i - s[t + MAP_LBLK];
    const inMap = within >= 0 && within < s[t + MAP_LEN];
    const blk = !inMap || s[t + MAP_PBLK] === HOLE ? HOLE : s[t + MAP_PBLK] + within;
    setPageData(s, L, p, i, blk === HOLE ? 0 : deviceRead(s, L, blk));
    if (L.blocksPerPage > 1) setBuffer(s, L, p, i, blk === HOLE ? BUF_UNMAPPED : blk);
  }
  if (L.blocksPerPage > 1) setFlags(s, L, p, PG_BUFFERS);
}
