import { BAR_BLOCKS, type Geometry } from './geometry';

/**
 * Where each field lives in the flat state array. The state is one
 * array of small integers so that cloning is a memcpy and the fingerprint a single pass.
 *
 * Globals (then the words of a variant's own locks), then the device (data tag and owner per block), foo's and bar's
 * block maps, foo's pages, and the threads.
 */
export const G = {
  I_RWSEM: 0,
  I_DATA_SEM: 1,
  I_MMAP_SEM: 2,
  INVALIDATE_LOCK: 3,
  /** Direct I/O in flight on foo (inode_dio_begin / inode_dio_end). */
  DIO_COUNT: 4,
  /** Open jbd2 handles of the running transaction (t_updates). */
  JOURNAL_HANDLES: 5,
  /** Ghost: block + 1 of the first bar block a foo device write landed in, else 0. */
  FOO_WROTE_BAR_BLOCK: 6,
  /** Ghost: thread + 1 that issued that write. */
  FOO_WROTE_BAR_BY: 7,
  FOO_SIZE_BLOCKS: 8,
  BAR_SIZE_BLOCKS: 9,
  /** Ghost: bit p set when foo's page p started dirty (its data then is the value no-lost-write expects). */
  INITIALLY_DIRTY_PAGES: 10,
  /** The running transaction's state: JOURNAL_RUNNING, or JOURNAL_LOCKED while a commit waits for its handles. */
  JOURNAL_STATE: 11,
  /** 1 once a handle has been started in the running transaction: there is something for jbd2 to commit. */
  TXN_STARTED: 12,
  /** Ghost: bit l set when foo's logical block l started as a hole (its first value is zeros). */
  INITIAL_HOLES: 13,
} as const;
const GLOBALS = 14;
/** The word of a variant's own lock k (variants/lock-table.ts): after the globals, before the device. */
export const extraGlobal = (k: number): number => GLOBALS + k;

/** Transaction states (jbd2's T_RUNNING and T_LOCKED; T_FLUSH onwards admits new handles again, as RUNNING here). */
export const JOURNAL_RUNNING = 0;
export const JOURNAL_LOCKED = 1;

/**
 * Block owners. Under data=ordered a freed data block waits for the commit
 * of the transaction that freed it: FREED_UNCOMMITTED while that
 * transaction runs (or is locked, waiting for its handles).
 */
export const OWNER_FREE = 0;
export const OWNER_FOO = 1;
export const OWNER_BAR = 2;
export const OWNER_FREED_UNCOMMITTED = 3;

/** Page flag bits. */
export const PG_CACHED = 1;
export const PG_UPTODATE = 2;
export const PG_DIRTY = 4;
export const PG_LOCKED = 8;
export const PG_WRITEBACK = 16;
/** The page has buffer heads attached (block_read_full_page, write_begin, page_mkwrite). */
export const PG_BUFFERS = 32;

/** Buffer states: a block number >= 0, or one of these. */
export const BUF_UNMAPPED = -1;
export const BUF_DELAYED = -2;
/** Block map entry for a hole. */
export const HOLE = -1;

/** User page-table entries for a page: none, mapped read-only, mapped writable. */
export const PTE_NONE = 0;
export const PTE_READ = 1;
export const PTE_WRITE = 2;

/** Page record: flags, pte, then the buffers, then the data tags, one per block. */
export const PAGE_FLAGS = 0;
export const PAGE_PTE = 1;
export const PAGE_BUF = 2;

/** Thread record: op, two arguments, program counter, the ghost mask, locals, results, the locks held, a variant's words. */
export const T_OP = 0;
export const T_ARG0 = 1;
export const T_ARG1 = 2;
export const T_PC = 3;
/**
 * Ghost: bit 14 (PRED_STARTED) once the thread has taken its first step;
 * bits 0..13 the threads that had finished by then, as far as a claim asks
 * (so "completed before W started"; see finishedWhenStarting in step.ts).
 */
export const T_PRED = 4;
export const T_LOCAL = 5;
export const LOCALS = 8;
export const PRED_STARTED = 1 << 14;

export class Layout {
  readonly blocksPerPage: number;
  readonly pages: number;
  readonly fooBlocks: number;
  readonly barBlocks: number;
  readonly deviceBlocks: number;
  readonly threads: number;
  readonly deviceData: number;
  readonly deviceOwner: number;
  readonly fooMap: number;
  /** 1 where foo's extent is unwritten (allocated by direct I/O, converted when the I/O completes). */
  readonly fooUnwritten: number;
  readonly barMap: number;
  readonly pageBase: number;
  readonly pageStride: number;
  readonly pageData: number;
  readonly threadBase: number;
  readonly threadStride: number;
  readonly threadResult: number;
  /**
   * The locks a thread holds (model/lock-ownership.ts): two bits a lock,
   * shared or exclusive, after its results.
   */
  readonly threadHeld: number;
  /**
   * One bit a lock (in the held word's order), set while the thread holds
   * it shared a second time, nested: a recursive down_read, which succeeds
   * while no writer waits (model/lock-ownership.ts).
   */
  readonly threadHeldTwice: number;
  /** Where a thread's extra words start (a variant's rechecks: variants/variant-words.ts), after the locks it holds. */
  readonly threadExtra: number;
  readonly size: number;

  /**
   * `extraGlobals`: words for a variant's own locks and counters, after the
   * globals; `extraThreadWords`: words a thread for a variant's rechecks.
   */
  constructor(geometry: Geometry, threads: number, extraGlobals = 0, extraThreadWords = 0) {
    this.blocksPerPage = geometry.blocksPerPage;
    this.pages = geometry.pages;
    this.fooBlocks = geometry.pages * geometry.blocksPerPage;
    this.barBlocks = BAR_BLOCKS;
    // Room for foo twice over (delayed allocation and direct I/O into holes) plus bar.
    this.deviceBlocks = 2 * this.fooBlocks + this.barBlocks;
    this.threads = threads;
    this.deviceData = GLOBALS + extraGlobals;
    this.deviceOwner = this.deviceData + this.deviceBlocks;
    this.fooMap = this.deviceOwner + this.deviceBlocks;
    this.fooUnwritten = this.fooMap + this.fooBlocks;
    this.barMap = this.fooUnwritten + this.fooBlocks;
    this.pageBase = this.barMap + this.barBlocks;
    this.pageData = PAGE_BUF + this.blocksPerPage;
    this.pageStride = this.pageData + this.blocksPerPage;
    this.threadBase = this.pageBase + this.pages * this.pageStride;
    this.threadResult = T_LOCAL + LOCALS;
    this.threadHeld = this.threadResult + this.blocksPerPage;
    this.threadHeldTwice = this.threadHeld + 1;
    this.threadExtra = this.threadHeldTwice + 1;
    this.threadStride = this.threadExtra + extraThreadWords;
    this.size = this.threadBase + threads * this.threadStride;
  }

  page(p: number): number {
    return this.pageBase + p * this.pageStride;
  }

  thread(t: number): number {
    return this.threadBase + t * this.threadStride;
  }

  /** Thread index from a thread record offset. */
  threadIndex(base: number): number {
    return (base - this.threadBase) / this.threadStride;
  }
}
