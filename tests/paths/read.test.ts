import { describe, expect, it } from 'vitest';
import { isCached } from '../../src/model/page-cache';
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
