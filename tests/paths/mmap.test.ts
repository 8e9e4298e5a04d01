import { describe, expect, it } from 'vitest';
import { exact, names, scenario, times } from '../helpers';

describe('mmap read fault', () => {
  it('reads a missing page in, maps it, then the load reads it', () => {
    const r = exact(scenario({ variant: 'ext4-3.11', threads: [{ op: 'mmapRead', page: 1 }] }), times(1, 7));
    expect(names(r, 1)).toEqual([
      'filemap_fault', 'add_to_page_cache_lru', 'ext4_map_blocks', 'submit_bio', 'page_endio', 'finish_fault', 'user_load',
    ]);
  });

  it('maps a cached page without reading it; 4.5 holds i_mmap_sem shared across the fault', () => {
    const r = exact(scenario({ variant: 'ext4-4.5', cache: ['none', 'clean'], threads: [{ op: 'mmapRead', page: 1 }] }), times(1, 5));
    expect(names(r, 1)).toEqual(['down_read(i_mmap_sem)', 'filemap_fault', 'finish_fault', 'up_read(i_mmap_sem)', 'user_load']);
  });

  it('faults again when the punch zapped the mapping before the load', () => {
    const sc = scenario({ variant: 'ext4-3.11', cache: ['clean', 'none'], threads: [{ op: 'mmapRead', page: 0 }] });
    // Fault in the cached page; then the punch flushes, locks, unmaps and evicts it.
    const r = exact(sc, [1, 1, 0, 0, 0, 0, 1]);
    expect(names(r, 1).slice(0, 4)).toEqual(['filemap_fault', 'finish_fault', 'user_load', 'filemap_fault']);
  });
});

describe('mmap write (page_mkwrite)', () => {
  it('looks up only unmapped buffers: a mapped buffer is trusted as it is', () => {
    const sc = scenario({ variant: 'ext4-3.11', cache: ['clean-buffers', 'none'], threads: [{ op: 'mmapWrite', page: 0 }] });
    const r = exact(sc, times(1, 7));
    // The store is tried first: the page's entry is not writable, so it faults.
    expect(names(r, 1)).toEqual(['user_store', 'filemap_fault', 'finish_fault', 'lock_page', 'ext4_da_get_block_prep', 'set_page_dirty', 'user_store']);
    expect(r.trace[4].changes).toEqual([]);
  });

  it('gives a page without buffers new buffers, looked up now', () => {
    const sc = scenario({ variant: 'ext4-3.11', blocksPerPage: 1, cache: ['clean', 'none'], threads: [{ op: 'mmapWrite', page: 0 }] });
    const r = exact(sc, times(1, 7));
    expect(r.trace[4].changes).toEqual(['page 0 +buffers', 'page 0 buffer 0 -> block 0']);
  });

  it('over a hole makes a delayed allocation', () => {
    const sc = scenario({ variant: 'ext4-3.11', blocksPerPage: 1, threads: [{ op: 'mmapWrite', page: 0 }] });
    const r = exact(sc, [...times(0, 10), ...times(1, 10)]);
    expect(r.trace.flatMap((e) => e.changes)).toContain('page 0 buffer 0 -> delayed');
  });

  it('a store through an entry that is already writable takes no fault and runs no page_mkwrite', () => {
    const sc = scenario({ variant: 'ext4-5.15', cache: ['dirty-mapped', 'none'], threads: [{ op: 'mmapWrite', page: 0 }] });
    const r = exact(sc, [1]);
    expect(names(r, 1)).toEqual(['user_store']);
    expect(r.trace[0].changes).toEqual(['page 0 block 0 holds the data of mmapWrite (thread 1)', 'page 0 block 1 holds the data of mmapWrite (thread 1)']);
    // Writeback's clear_page_dirty_for_io write-protects the entry: the next store faults and runs page_mkwrite.
    const wb = scenario({ variant: 'ext4-5.15', cache: ['dirty-mapped', 'none'], threads: [{ op: 'writeback', page: 0 }, { op: 'mmapWrite', page: 0 }] });
    const after = exact(wb, [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(names(after, 2)).toContain('filemap_invalidate_lock_shared');
    expect(after.trace[0].changes).toContain('page 0 mapped read-only');
  });

  it('on ext4-5.15 takes invalidate_lock shared in page_mkwrite', () => {
    const sc = scenario({ cache: ['clean-buffers', 'none'], threads: [{ op: 'mmapWrite', page: 0 }] });
    const r = exact(sc, times(1, 9));
    expect(names(r, 1)).toContain('filemap_invalidate_lock_shared');
  });
});
