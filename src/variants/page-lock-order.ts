import type { LockSite } from './variant';

/**
 * The page lock in the lock order, as lockdep cannot see it (PG_locked is
 * a bit, not a lock class) but the kernel documents it: 5.15
 * fs/ext4/super.c, "Lock ordering": "page fault path: mmap_lock ->
 * sb_start_pagefault -> invalidate_lock (r) -> transaction start -> page
 * lock -> i_data_sem (rw)", "truncate: ... invalidate_lock (w) ->
 * i_mmap_rwsem (w) -> page lock", "writepages: transaction start -> page
 * lock(s) -> i_data_sem (rw)"; 5.15 mm/filemap.c: "->mmap_lock
 * ->invalidate_lock (filemap_fault) ->lock_page". One name stands for
 * every page's lock, as a lock class does.
 */
export const PAGE_LOCK = 'page_lock';

/** The punch's actions that take each page's lock in turn (truncate_inode_pages_range): src/paths/truncate-pagecache-range.ts. */
export const PUNCH_ACTIONS_LOCKING_PAGES: ReadonlySet<string> = new Set(['truncate_pagecache_range', 'ext4_truncate_page_cache_block_range']);

/**
 * The sites whose steps lock a page, or wait for its lock, inside the
 * site's locks: inserting a page locked (add_to_page_cache_lru), lock_page,
 * grab_cache_page_write_begin, writeback's page, the flush and
 * invalidation of direct I/O, and the waits of filemap_update_page and
 * finish_fault. Every site does.
 */
export const SITES_LOCKING_PAGES: ReadonlySet<LockSite> = new Set<LockSite>([
  'read.create', 'read.update', 'readahead.batch', 'fault', 'fault.create', 'page_mkwrite', 'write', 'writeback', 'dio.read', 'dio.write',
]);

/** Per path, by step name: where the path's main flow locks a page and holds it, unlocks it, or only waits for its lock. */
export const PAGE_LOCK_STEPS: Readonly<Record<string, { readonly takes: readonly string[]; readonly releases: readonly string[]; readonly waits: readonly string[] }>> = {
  read: { takes: ['add_to_page_cache_lru'], releases: ['page_endio'], waits: ['filemap_update_page', 'finish_fault'] },
  readahead: { takes: ['add_to_page_cache_lru'], releases: ['mpage_end_io', 'end_buffer_async_read'], waits: [] },
  mmapRead: { takes: ['add_to_page_cache_lru'], releases: ['page_endio'], waits: ['finish_fault'] },
  mmapWrite: { takes: ['add_to_page_cache_lru', 'lock_page'], releases: ['page_endio', 'set_page_dirty'], waits: ['finish_fault'] },
  write: { takes: ['add_to_page_cache_lru', 'grab_cache_page_write_begin'], releases: ['page_endio', 'ext4_da_write_end'], waits: ['finish_fault'] },
  writeback: { takes: ['clear_page_dirty_for_io'], releases: ['end_page_writeback'], waits: [] },
  dioRead: { takes: [], releases: [], waits: ['filemap_write_and_wait_range'] },
  dioWrite: { takes: [], releases: [], waits: ['filemap_write_and_wait_range', 'invalidate_inode_pages2_range'] },
};

/** What a step of `path` does with the page lock: 'take', 'release', 'wait', or null. */
export function pageLockUse(path: string, step: string): 'take' | 'release' | 'wait' | null {
  const uses = PAGE_LOCK_STEPS[path];
  if (uses === undefined) return null;
  return uses.takes.includes(step) ? 'take' : uses.releases.includes(step) ? 'release' : uses.waits.includes(step) ? 'wait' : null;
}
