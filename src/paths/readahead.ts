import { canDownRead } from '../model/locks';
import { deviceRead } from '../model/device';
import { readableBlock } from '../model/extents';
import { blocksConfused } from '../model/file-layout';
import { MAX_PAGES } from '../model/geometry';
import {
  BUF_UNMAPPED, G, HOLE, type Layout, PG_BUFFERS, PG_LOCKED, PG_UPTODATE, T_ARG0, T_ARG1, T_LOCAL,
} from '../model/layout';
import { clearFlags, firstBlockOfPage, insertPage, isCached, setBuffer, setFlags, setPageData } from '../model/page-cache';
import type { State } from '../model/state';
import type { Variant } from '../variants/variant';
import { ALWAYS, jump, type Label, ProgramBuilder } from './program';
import type { Program } from '../model/program';

/** Locals of a readahead thread. */
const CURSOR = T_LOCAL; // the next page to insert (per-page: and read)
/** Masks of the batch's pages: BATCH those not cached when it was allocated, RUN those inserted and not yet read, BIO those in the pending I/O. */
const MASKS = T_LOCAL + 1;
const MAP_DELTA = T_LOCAL + 2; // the cached lookup: physical = logical + delta,
const MAP_END = T_LOCAL + 3; //   for logical blocks below this (0: no cached lookup)
const BIO_START = T_LOCAL + 4; // the pending I/O's first physical block
const BIO_NEXT = T_LOCAL + 5; //   and the block it would take next
const PAGE_BLK = T_LOCAL + 6; // the page being read: its blocks as looked up (HOLE for a hole), one a block
/** Where the thread goes on after a bio is submitted and completed (RESUME_*), in MASKS bits 12..13. */
const RESUME_PAGE = 0;
const RESUME_NEXT = 1;
const RESUME_END = 2;

/**
 * MASKS holds three masks of MAX_PAGES bits and the resume place: 14 bits,
 * so that the word fits in the 16 bits the fingerprint and the explorer's
 * levels keep of each state word (wordsFit in model/fingerprint.ts).
 */
const PAGE_MASK = (1 << MAX_PAGES) - 1;
const BATCH_BITS = 0;
const RUN_BITS = MAX_PAGES;
const BIO_BITS = 2 * MAX_PAGES;
const RESUME_BITS = 3 * MAX_PAGES;

function mask(s: State, t: number, at: number): number {
  return (s[t + MASKS] >> at) & PAGE_MASK;
}
function setMask(s: State, t: number, at: number, value: number): void {
  s[t + MASKS] = (s[t + MASKS] & ~(PAGE_MASK << at)) | (value << at);
}
function resume(s: State, t: number): number {
  return (s[t + MASKS] >> RESUME_BITS) & 3;
}
function setResume(s: State, t: number, r: number): void {
  s[t + MASKS] = (s[t + MASKS] & ~(3 << RESUME_BITS)) | (r << RESUME_BITS);
}

/**
 * Readahead of pages X .. X+n-1, in the
 * variant's design:
 *
 * - 'per-page' (3.x - 5.7; 3.13 mm/readahead.c and fs/mpage.c
 *   mpage_readpages, 4.4 fs/ext4/readpage.c ext4_mpage_readpages): the
 *   batch's pages are allocated outside the cache; then, page by page, each
 *   is inserted locked just before its blocks are looked up and added to
 *   one I/O while the blocks stay contiguous, so a page stays locked and
 *   unread until its run's I/O is submitted;
 * - 'batch' (5.8+, c1f6925e1091; 5.10 and 5.15 page_cache_ra_unbounded and
 *   read_pages): every page of a run of missing pages is inserted locked
 *   first, then the run is mapped and read.
 *
 * In both, do_mpage_readpage / ext4_mpage_readpages reuse a lookup across
 * pages only when it was mapped (a hole is looked up again), submit the
 * pending I/O at a discontiguity, after a page mapped up to a hole, before a
 * confused page and at the end; an all-hole page is zeroed and unlocked at
 * once; a confused page is read through block_read_full_page, which attaches
 * buffers. The I/O completes (pages uptodate and unlocked) right after it is
 * submitted. 5.15 holds invalidate_lock shared across the whole batch.
 */
export function readaheadProgram(v: Variant): Program {
  const b = new ProgramBuilder('readahead');
  const at: Places = {
    insert: b.label('insert'), page: b.label('page'), classify: b.label('classify'), confused: b.label('confused'),
    submit: b.label('submit'), done: b.label('done'), batchDesign: v.readahead === 'batch',
    everyPage: v.readaheadLookup === 'every-page',
  };

  b.step('page_cache_ra_unbounded', ALWAYS, (s, t, m) => {
    let batch = 0;
    for (let k = 0; k < s[t + T_ARG1]; k++) if (!isCached(s, m.layout, s[t + T_ARG0] + k)) batch |= 1 << k;
    setMask(s, t, BATCH_BITS, batch);
    s[t + CURSOR] = s[t + T_ARG0];
    if (batch === 0) jump(s, t, at.done);
  });

  b.here(at.insert);
  b.step('add_to_page_cache_lru', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const p = nextOfBatch(s, t);
    if (p >= 0 && !isCached(s, L, p)) {
      insertPage(s, L, p);
      s[t + CURSOR] = p + 1;
      setMask(s, t, RUN_BITS, mask(s, t, RUN_BITS) | bit(s, t, p));
      // Per page, the page is read at once; as a batch, once every page of the run is in.
      if (at.batchDesign && nextOfBatch(s, t) >= 0) jump(s, t, at.insert);
      else toPage(s, t, L, at);
      return;
    }
    // Another thread cached this page first (it is skipped), or the batch is all in.
    if (p >= 0) s[t + CURSOR] = p + 1;
    if (at.batchDesign && mask(s, t, RUN_BITS) !== 0) toPage(s, t, L, at); // read the run so far first
    else if (p >= 0 && nextOfBatch(s, t) >= 0) jump(s, t, at.insert);
    else toEnd(s, t, at);
  });

  b.here(at.page);
  b.step('ext4_map_blocks', (s) => canDownRead(s, G.I_DATA_SEM), (s, t, m) => lookUpPage(s, t, m.layout, at.everyPage));
  b.here(at.classify);
  b.step('do_mpage_readpage', ALWAYS, (s, t, m) => readPage(s, t, m.layout, at));

  b.here(at.submit);
  b.step('submit_bio', ALWAYS, (s, t, m) => readBio(s, t, m.layout));
  b.step('mpage_end_io', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const bio = mask(s, t, BIO_BITS);
    for (let k = 0; k < 8; k++) if ((bio & (1 << k)) !== 0) finishPage(s, L, s[t + T_ARG0] + k);
    setMask(s, t, BIO_BITS, 0);
    const r = resume(s, t);
    setResume(s, t, RESUME_PAGE);
    if (r === RESUME_PAGE) jump(s, t, at.classify);
    else if (r === RESUME_NEXT) nextPage(s, t, L, at);
    else if (at.batchDesign && nextOfBatch(s, t) >= 0) jump(s, t, at.insert); // the batch's next run
    else jump(s, t, at.done);
  });

  b.here(at.confused);
  b.step('block_read_full_page', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const p = currentPage(s, t);
    for (let i = 0; i < L.blocksPerPage; i++) {
      const blk = s[t + PAGE_BLK + i];
      setBuffer(s, L, p, i, blk === HOLE ? BUF_UNMAPPED : blk);
      setPageData(s, L, p, i, blk === HOLE ? 0 : deviceRead(s, L, blk));
    }
    setFlags(s, L, p, PG_BUFFERS);
  });
  b.step('end_buffer_async_read', ALWAYS, (s, t, m) => {
    const p = currentPage(s, t);
    finishPage(s, m.layout, p);
    takeFromRun(s, t, p);
    nextPage(s, t, m.layout, at);
  });

  b.here(at.done);
  return b.build();
}

/** The program's places, and its design. */
interface Places {
  readonly insert: Label;
  readonly page: Label;
  readonly classify: Label;
  readonly confused: Label;
  readonly submit: Label;
  readonly done: Label;
  readonly batchDesign: boolean;
  /** The variant's readaheadLookup is 'every-page': a lookup is kept for its own page only. */
  readonly everyPage: boolean;
}

/**
 * do_mpage_readpage / ext4_mpage_readpages on the current page, its blocks
 * looked up: an all-hole page is zeroed and done at once; before a confused
 * page or a discontiguity the pending I/O is submitted first; a confused page
 * goes to block_read_full_page; any other joins the pending I/O, which is
 * submitted at once when the page is mapped up to a hole.
 */
function readPage(s: State, t: number, L: Layout, at: Places): void {
  const p = currentPage(s, t);
  const blocks = Array.from({ length: L.blocksPerPage }, (_, i) => s[t + PAGE_BLK + i]);
  const mapped = blocks.filter((blk) => blk !== HOLE);
  if (mapped.length === 0) {
    for (let i = 0; i < L.blocksPerPage; i++) setPageData(s, L, p, i, 0);
    finishPage(s, L, p);
    takeFromRun(s, t, p);
    nextPage(s, t, L, at);
    return;
  }
  const confused = L.blocksPerPage > 1 && blocksConfused(blocks.length, (i) => blocks[i]);
  const bio = mask(s, t, BIO_BITS);
  if (bio !== 0 && (confused || mapped[0] !== s[t + BIO_NEXT])) {
    setResume(s, t, RESUME_PAGE);
    jump(s, t, at.submit);
    return;
  }
  if (confused) {
    jump(s, t, at.confused);
    return;
  }
  if (bio === 0) s[t + BIO_START] = mapped[0];
  s[t + BIO_NEXT] = mapped[mapped.length - 1] + 1;
  setMask(s, t, BIO_BITS, bio | bit(s, t, p));
  takeFromRun(s, t, p);
  for (let i = mapped.length; i < L.blocksPerPage; i++) setPageData(s, L, p, i, 0); // the tail hole
  if (mapped.length < L.blocksPerPage) {
    setResume(s, t, RESUME_NEXT);
    jump(s, t, at.submit);
    return;
  }
  nextPage(s, t, L, at);
}

/** To the current page: straight to reading it when the cached lookup covers it, else to the lookup first. */
function toPage(s: State, t: number, L: Layout, at: Places): void {
  if (needsLookup(s, t, L)) {
    jump(s, t, at.page);
    return;
  }
  const first = firstBlockOfPage(L, currentPage(s, t));
  for (let i = 0; i < L.blocksPerPage; i++) s[t + PAGE_BLK + i] = first + i + s[t + MAP_DELTA];
  jump(s, t, at.classify);
}

/**
 * After a page: the next page of the run (batch), the next page to insert
 * (per page), or, with none left, the pending I/O and then the end.
 */
function nextPage(s: State, t: number, L: Layout, at: Places): void {
  if (mask(s, t, RUN_BITS) !== 0) toPage(s, t, L, at);
  else if (!at.batchDesign && nextOfBatch(s, t) >= 0) jump(s, t, at.insert);
  else toEnd(s, t, at);
}

/**
 * The run (per page: the batch) is read: submit what is pending, then go on
 * with the batch's next run, or end. The cached lookup lives within one call
 * of ext4_mpage_readpages: a later run looks up again.
 */
function toEnd(s: State, t: number, at: Places): void {
  s[t + MAP_END] = 0;
  if (mask(s, t, BIO_BITS) !== 0) {
    setResume(s, t, RESUME_END);
    jump(s, t, at.submit);
  } else if (at.batchDesign && nextOfBatch(s, t) >= 0) jump(s, t, at.insert);
  else jump(s, t, at.done);
}

/** The page's bit in the batch's masks. */
function bit(s: State, t: number, p: number): number {
  return 1 << (p - s[t + T_ARG0]);
}

/** The next page of the batch at or after the cursor still to insert, or -1. */
function nextOfBatch(s: State, t: number): number {
  const first = s[t + T_ARG0];
  const batch = mask(s, t, BATCH_BITS);
  for (let p = s[t + CURSOR]; p < first + s[t + T_ARG1]; p++) if ((batch & (1 << (p - first))) !== 0) return p;
  return -1;
}

/** The page being read: the lowest of the run's pages not yet read. */
function currentPage(s: State, t: number): number {
  const run = mask(s, t, RUN_BITS);
  for (let k = 0; k < 8; k++) if ((run & (1 << k)) !== 0) return s[t + T_ARG0] + k;
  throw new Error('readahead: no page to read');
}

/** The page is read: uptodate and unlocked (its I/O completed). */
function finishPage(s: State, L: Layout, p: number): void {
  setFlags(s, L, p, PG_UPTODATE);
  clearFlags(s, L, p, PG_LOCKED);
}

/** The page has been dealt with (read, or handed to the pending I/O): it leaves the run. */
function takeFromRun(s: State, t: number, p: number): void {
  setMask(s, t, RUN_BITS, mask(s, t, RUN_BITS) & ~bit(s, t, p));
}

/** Does some block of the current page lie outside the cached (mapped) lookup? */
function needsLookup(s: State, t: number, L: Layout): boolean {
  const first = firstBlockOfPage(L, currentPage(s, t));
  return first + L.blocksPerPage > s[t + MAP_END];
}

/**
 * The current page's blocks, from the cached lookup where it reaches, else
 * looked up: one ext4_map_blocks from the block to as far as its extent runs
 * within the batch (with `everyPage`, within the page), cached only when
 * mapped (a hole is looked up again).
 */
function lookUpPage(s: State, t: number, L: Layout, everyPage: boolean): void {
  const first = firstBlockOfPage(L, currentPage(s, t));
  const limit = everyPage ? first + L.blocksPerPage : firstBlockOfPage(L, s[t + T_ARG0] + s[t + T_ARG1]);
  for (let i = 0; i < L.blocksPerPage; i++) {
    const lblk = first + i;
    if (lblk < s[t + MAP_END]) {
      s[t + PAGE_BLK + i] = lblk + s[t + MAP_DELTA];
      continue;
    }
    const pblk = readableBlock(s, L, lblk);
    s[t + PAGE_BLK + i] = pblk;
    if (pblk === HOLE) continue;
    let end = lblk + 1;
    while (end < limit && readableBlock(s, L, end) === pblk + (end - lblk)) end++;
    s[t + MAP_DELTA] = pblk - lblk;
    s[t + MAP_END] = end;
  }
}

/** The device read of the pending I/O: its blocks, in order, into its pages' mapped blocks. */
function readBio(s: State, t: number, L: Layout): void {
  const bio = mask(s, t, BIO_BITS);
  let blk = s[t + BIO_START];
  for (let k = 0; k < 8; k++) {
    if ((bio & (1 << k)) === 0) continue;
    const p = s[t + T_ARG0] + k;
    for (let i = 0; i < L.blocksPerPage && blk < s[t + BIO_NEXT]; i++) setPageData(s, L, p, i, deviceRead(s, L, blk++));
  }
}
