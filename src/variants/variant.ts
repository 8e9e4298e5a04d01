import type { LockKind, LockMode } from '../model/locks';

/**
 * Where a path may take a file-system lock. Each era's lock profile says,
 * per site, which locks are taken there and how (builtin-variants.ts, with
 * the code each era cites). Locks of a site are taken in the listed order
 * before the site's steps and released in reverse after them.
 */
export const LOCK_SITES = [
  /** read(2) that must create the page: held across inserting it and reading it in. */
  'read.create',
  /** read(2) that finds a cached page not uptodate (locked, being read in). */
  'read.update',
  /** The whole readahead batch: allocating, inserting and reading every page. */
  'readahead.batch',
  /** The whole of ext4_filemap_fault (4.5 - 5.14: i_mmap_sem). */
  'fault',
  /** A fault that must create the page or finds it not uptodate (5.15: invalidate_lock). */
  'fault.create',
  /** The whole of ext4_page_mkwrite. */
  'page_mkwrite',
  /** The whole of buffered write(2). */
  'write',
  /** Writeback of one page (no era takes an inode lock here). */
  'writeback',
  /** Direct I/O read submission, up to the point the I/O is in flight. */
  'dio.read',
  /** Direct I/O write submission, up to the point the I/O is in flight. */
  'dio.write',
] as const;
export type LockSite = (typeof LOCK_SITES)[number];

export interface LockUse {
  /** A built-in lock (model/locks.ts) or one of the variant's own (newLocks). */
  readonly lock: string;
  readonly mode: LockMode;
}

/**
 * A lock of the variant's own, as invalidate_lock was new in 5.15: a
 * read-write semaphore or a mutex, placed in the lock order right after
 * the lock `after` names (a built-in or an earlier one of its own). It has
 * a state word of its own (lock-table.ts) and is used like a built-in, in
 * the punch and at any lock site.
 */
/** The paths a lock region may be placed in: every operation beside the punch (whose steps are the variant's own list). */
export const REGION_PATHS = ['read', 'readahead', 'mmapRead', 'mmapWrite', 'write', 'writeback', 'dioRead', 'dioWrite'] as const;
export type RegionPath = (typeof REGION_PATHS)[number];

/**
 * Locks held across any stretch of a path: from the step named `from` to
 * the step named `to`, both of the path's main flow (src/paths/regions.ts:
 * taken before `from`, released after `to`, and released on any jump out).
 * Today's lock sites are fixed regions of this kind.
 */
export interface Region {
  readonly path: RegionPath;
  readonly from: string;
  readonly to: string;
  readonly locks: readonly LockUse[];
  /**
   * Where a name is more than one step of the path (read(2) into a mapping
   * of foo reads in its page, then its buffer's: add_to_page_cache_lru
   * twice), `from` is the first such step after this one; without it, the
   * first of the path. `to` is the first at or after `from`.
   */
  readonly after?: string;
}

/** The paths a counter may be bumped in: the punch and every path a region may be placed in. */
export const BUMP_PATHS = ['punch', ...REGION_PATHS] as const;
export type BumpPath = (typeof BUMP_PATHS)[number];

/**
 * Revalidation, as XFS does it for its cached mappings (304a68b9c63b,
 * "xfs: use iomap_valid method to detect stale cached iomaps"): a
 * per-inode sequence counter (`counters`), bumped by chosen steps
 * (`bumps`: the punch's extent removal, writeback's allocation), sampled
 * into the thread by one step of a path (`sample`, after the step's own
 * effect) and compared at another (`check`, before the step's own effect):
 * on a change the thread goes back to the `retry` step instead, at most
 * `retries` times, then goes on as if valid (src/paths/rechecks.ts).
 */
export interface Bump {
  readonly counter: string;
  readonly path: BumpPath;
  readonly step: string;
}

export interface Recheck {
  readonly counter: string;
  readonly path: RegionPath;
  readonly sample: string;
  readonly check: string;
  readonly retry: string;
  readonly retries: number;
}

export interface NewLock {
  readonly name: string;
  readonly kind: LockKind;
  readonly after: string;
}

/**
 * A punch step. The named actions are the kernel's; lock steps are
 * `down_read(L)`, `down_write(L)`, `up_read(L)`, `up_write(L)` for any lock L,
 * with the kernel's aliases inode_lock, inode_unlock, filemap_invalidate_lock
 * and filemap_invalidate_unlock.
 */
export const PUNCH_ACTIONS = [
  /** FLUSH: write back dirty pages of the range and wait; before any inode lock. */
  'filemap_write_and_wait_range',
  /** T: unmap user mappings of the range, then evict each page (waiting for its lock and writeback). */
  'truncate_pagecache_range',
  /**
   * T as 6.15 does it (17207d0bb209, used by the punch from 43d0105e2c75):
   * first write-protect the user mappings of the pages only partly in the
   * range, so that the next store faults and page_mkwrite maps the page
   * again; then truncate_pagecache_range.
   */
  'ext4_truncate_page_cache_block_range',
  /** DIOWAIT: wait until no direct I/O is in flight. */
  'inode_dio_wait',
  /** Open the journal handle (and zero partial blocks: none, the range is block aligned). */
  'ext4_journal_start',
  /** RM: down_write(i_data_sem), remove the range's extents (freeing their blocks), up_write(i_data_sem). */
  'ext4_ext_remove_space',
  'ext4_journal_stop',
] as const;
export type PunchAction = (typeof PUNCH_ACTIONS)[number];

export const LOCK_STEP_ALIASES: Readonly<Record<string, string>> = {
  inode_lock: 'down_write(i_rwsem)',
  inode_unlock: 'up_write(i_rwsem)',
  filemap_invalidate_lock: 'down_write(invalidate_lock)',
  filemap_invalidate_unlock: 'up_write(invalidate_lock)',
};

export interface Variant {
  readonly name: string;
  readonly description: string;
  /** The punch, in order, as step names (see PUNCH_ACTIONS and lock steps). */
  readonly punch: readonly string[];
  /** The variant's own locks, in the order declared (the parent's first). */
  readonly newLocks: readonly NewLock[];
  /** Sequence counters of the variant's own, by name; each a global word counting modulo COUNTER_MODULUS. */
  readonly counters: readonly string[];
  readonly bumps: readonly Bump[];
  readonly rechecks: readonly Recheck[];
  /** Lock regions, in the order given: each applied to its path's program after the sites. */
  readonly regions: readonly Region[];
  /** The lock profile: every site, possibly with no locks. */
  readonly locks: { readonly [S in LockSite]: readonly LockUse[] };
  /**
   * The dioread_nolock mount option: writeback allocates delayed blocks as
   * unwritten extents and converts them when the write completes, so a
   * direct I/O read never sees a block that was allocated but not yet
   * written; without it the extent is written (in the extent tree) before
   * the data reaches the block. 'when-block-is-page': the 5.6+ default
   * (244adf6426ee; 626b035b816b made it depend on the block size; 5.10 and
   * 5.15 fs/ext4/super.c ext4_fill_super), on with one block a page, off
   * with two.
   */
  readonly dioreadNolock: DioreadNolock;
  /**
   * When writeback takes a journal handle (fs/ext4/inode.c ext4_writepages):
   * 'always', every pass, before it locks a page, even when no block needs
   * allocating (3.13, 4.4); 'when-allocating', only to allocate, after a
   * first pass that writes out the pages that need no block (5.10, 5.15).
   */
  readonly writebackHandle: WritebackHandle;
  /**
   * How readahead puts its batch in the page cache (mm/readahead.c,
   * fs/mpage.c, fs/ext4/readpage.c): 'per-page' (3.x - 5.7, ->readpages),
   * each page inserted just before its own block lookup and added to one
   * I/O while the blocks stay contiguous; 'batch' (5.8+, ->readahead,
   * c1f6925e1091), every page of the run inserted locked first, then mapped
   * and read.
   */
  readonly readahead: ReadaheadDesign;
  /**
   * Path alternatives, for a fix that changes what a path looks up rather
   * than its locks. `readaheadLookup`: 'reuse-mapped', the kernel's
   * (3.13 fs/mpage.c do_mpage_readpage, 5.15 fs/ext4/readpage.c
   * ext4_mpage_readpages: a mapped lookup is kept for the following pages
   * while it reaches), or 'every-page', each page looked up again.
   * `mkwriteLookup`: 'unmapped-buffers', the kernel's (ext4_page_mkwrite
   * through __block_write_begin, fs/buffer.c: only buffers not yet mapped
   * are looked up), or 'every-buffer', every buffer looked up again on each
   * fault, as a file system without buffer heads does (5.15
   * fs/iomap/buffered-io.c iomap_page_mkwrite maps through ->iomap_begin
   * each time).
   */
  readonly readaheadLookup: ReadaheadLookup;
  readonly mkwriteLookup: MkwriteLookup;
  /**
   * What loading does with a lock-order cycle (src/variants/lock-order.ts):
   * 'reject' it, the default, or 'allow' it, for a fix known to be wrong
   * whose deadlock the run itself is to show (examples/naive-fixes): the
   * claims no-deadlock and, at run time, the lock order judge it instead.
   */
  readonly lockOrderAtLoad: LockOrderAtLoad;
}

export const LOCK_ORDER_AT_LOAD = ['reject', 'allow'] as const;
export type LockOrderAtLoad = (typeof LOCK_ORDER_AT_LOAD)[number];

export const READAHEAD_LOOKUPS = ['reuse-mapped', 'every-page'] as const;
export type ReadaheadLookup = (typeof READAHEAD_LOOKUPS)[number];
export const MKWRITE_LOOKUPS = ['unmapped-buffers', 'every-buffer'] as const;
export type MkwriteLookup = (typeof MKWRITE_LOOKUPS)[number];

export const DIOREAD_NOLOCK = ['off', 'on', 'when-block-is-page'] as const;
export type DioreadNolock = (typeof DIOREAD_NOLOCK)[number];
export const WRITEBACK_HANDLE = ['always', 'when-allocating'] as const;
export type WritebackHandle = (typeof WRITEBACK_HANDLE)[number];
export const READAHEAD_DESIGNS = ['per-page', 'batch'] as const;
export type ReadaheadDesign = (typeof READAHEAD_DESIGNS)[number];

/** Is dioread_nolock on for this variant with this many blocks a page? */
export function dioreadNolockOn(v: Pick<Variant, 'dioreadNolock'>, blocksPerPage: number): boolean {
  return v.dioreadNolock === 'on' || (v.dioreadNolock === 'when-block-is-page' && blocksPerPage === 1);
}
