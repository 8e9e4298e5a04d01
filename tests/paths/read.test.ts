import { describe, expect, it } from 'vitest';
import { isCached } from '../../src/model/page-cache';
import { resolveVariant } from '../../src/variants/resolve-variant';
import { exact, names, scenario, setup, times } from '../helpers';

describe('read(2)', () => {
  it('on a miss inserts the page before looking its blocks up, then reads, unlocks and copies', () => {
    const r = exact(scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 1 }] }), times(1, 6));
    expect(names(r, 1)).toEqual([
      'filemap_get_pages', 'add_to_page_cache_lru', 'ext4_map_blocks', 'submit_bio', 'page_endio', 'copy_page_to_iter',
    ]);
    expect(r.trace[1].changes).toContain('page 1 inserted');
  });

  it('with two blocks a page attaches no buffers to a contiguous page, and buffers to a confused one (block_read_full_page)', () => {
    const contiguous = exact(scenario({ variant: 'ext4-3.11', blocksPerPage: 2, threads: [{ op: 'read', page: 1 }] }), times(1, 6));
    expect(contiguous.trace[2].changes).toEqual([]);
    // Discontiguous: logical 2 and 3 in physical 1 and 0.
    const apart = exact(scenario({ variant: 'ext4-3.11', blocksPerPage: 2, layout: 'discontiguous', threads: [{ op: 'read', page: 1 }] }), times(1, 6));
    expect(apart.trace[2].changes).toEqual(['page 1 +buffers', 'page 1 buffer 0 -> block 1', 'page 1 buffer 1 -> block 0']);
    // A hole before a mapped block: logical 0 is a hole, logical 1 in physical 0.
    const holeFirst = exact(scenario({ variant: 'ext4-3.11', blocksPerPage: 2, layout: 'hole-first', threads: [{ op: 'read', page: 0 }] }), times(1, 6));
    expect(holeFirst.trace[2].changes).toEqual(['page 0 +buffers', 'page 0 buffer 1 -> block 0']);
    expect(holeFirst.trace[3].changes).toEqual(["page 0 block 1 holds foo's old data"]);
  });

  it('with one block a page attaches no buffers (mpage)', () => {
    const r = exact(scenario({ variant: 'ext4-3.11', blocksPerPage: 1, threads: [{ op: 'read', page: 1 }] }), times(1, 6));
    expect(r.trace[2].name).toBe('ext4_map_blocks');
    expect(r.trace[2].changes).toEqual([]);
  });

  it('reads what the block holds at the device-read step', () => {
    const r = exact(scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 1 }] }), times(1, 6));
    expect(r.trace[3].changes).toContain("page 1 block 0 holds foo's old data");
  });

  it('on a hit copies the cached page in one step and is done', () => {
    const r = exact(scenario({ cache: ['none', 'dirty'], threads: [{ op: 'read', page: 1 }] }), [1]);
    expect(names(r, 1)).toEqual(['filemap_get_pages']);
  });

  it('on ext4-5.15 holds invalidate_lock shared across inserting and reading the page', () => {
    const r = exact(scenario({ threads: [{ op: 'read', page: 1 }] }), times(1, 8));
    expect(names(r, 1)).toEqual([
      'filemap_get_pages', 'filemap_invalidate_lock_shared', 'add_to_page_cache_lru', 'ext4_map_blocks',
      'submit_bio', 'page_endio', 'filemap_invalidate_unlock_shared', 'copy_page_to_iter',
    ]);
  });

  it('waits for a page another read is still reading in, then copies it', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 1 }, { op: 'read', page: 1 }] });
    expect(() => exact(sc, [1, 1, 2, 2])).toThrow(/schedule.3: thread 2 cannot take a step/);
    const r = exact(sc, [1, 1, 2, 1, 1, 1, 2]);
    expect(names(r, 2)).toEqual(['filemap_get_pages', 'filemap_update_page']);
  });

  it('goes back to its lookup when a racing read inserted the page first', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 1 }, { op: 'read', page: 1 }] });
    const r = exact(sc, [1, 2, 1, 2, 2]);
    expect(names(r, 2).slice(0, 3)).toEqual(['filemap_get_pages', 'add_to_page_cache_lru', 'filemap_get_pages']);
    expect(isCached(r.final, setup(sc).m.layout, 1)).toBe(true);
  });
});

describe('read(2) into a mapping of foo (buffer "foo")', () => {
  it('faults the buffer in as it copies, after it has found or read in its page (filemap_read, copy_page_to_iter)', () => {
    const sc = scenario({ variant: 'ext4-5.15', blocksPerPage: 1, pages: 2, threads: [{ op: 'read', page: 0, buffer: 'foo', bufferPage: 1 }] });
    const r = exact(sc, times(1, 17));
    expect(names(r, 1)).toEqual([
      'filemap_get_pages', 'filemap_invalidate_lock_shared', 'add_to_page_cache_lru', 'ext4_map_blocks', 'submit_bio', 'page_endio', 'filemap_invalidate_unlock_shared', 'copy_page_to_iter',
      'filemap_fault', 'filemap_invalidate_lock_shared', 'add_to_page_cache_lru', 'ext4_map_blocks', 'submit_bio', 'page_endio', 'filemap_invalidate_unlock_shared', 'finish_fault',
      'raw_copy_to_user',
    ]);
    expect(r.trace.filter((e) => e.thread === 1).at(-2)!.changes).toContain('page 1 mapped read-only');
  });

  it('holds an rwsem shared twice when a region around the read encloses the fault\'s own: recursive down_read, balanced', () => {
    const v = resolveVariant({ name: 'twice', extends: 'ext4-4.5', regions: [{ path: 'read', from: 'filemap_get_pages', to: 'filemap_update_page', locks: ['i_mmap_sem:shared'] }], lockOrderAtLoad: 'allow' });
    const sc = scenario({ variant: 'ext4-4.5', blocksPerPage: 1, pages: 1, cache: ['clean'], threads: [{ op: 'read', page: 0, buffer: 'foo' }] });
    const r = exact(sc, times(1, 8), undefined, v);
    expect(names(r, 1)).toEqual(['down_read(i_mmap_sem)', 'filemap_get_pages', 'down_read(i_mmap_sem)', 'filemap_fault', 'finish_fault', 'up_read(i_mmap_sem)', 'raw_copy_to_user', 'up_read(i_mmap_sem)']);
    expect(r.trace[2].changes).toContain('i_mmap_sem shared x1 -> shared x2');
    expect(r.trace[7].changes).toContain('i_mmap_sem shared x1 -> free');
  });
});
