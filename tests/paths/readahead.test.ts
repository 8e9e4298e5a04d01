import { describe, expect, it } from 'vitest';
import { exact, names, scenario, times } from '../helpers';

describe('readahead', () => {
  it('up to 5.7, inserts each page just before reading it, into one I/O that goes only after the last page: the first page waits locked', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'readahead', page: 0, count: 2 }] });
    const r = exact(sc, times(1, 8));
    expect(names(r, 1)).toEqual([
      'page_cache_ra_unbounded',
      'add_to_page_cache_lru', 'ext4_map_blocks', 'do_mpage_readpage',
      'add_to_page_cache_lru', 'do_mpage_readpage', // the lookup, mapped, reaches page 1: no second one
      'submit_bio', 'mpage_end_io',
    ]);
    expect(r.trace[6].changes).toEqual(expect.arrayContaining(["page 0 block 0 holds foo's old data", "page 1 block 1 holds foo's old data"]));
    expect(r.trace[7].changes).toEqual(expect.arrayContaining(['page 0 +uptodate -locked', 'page 1 +uptodate -locked']));
  });

  it('from 5.8, inserts the whole batch first, then looks up and reads', () => {
    const sc = scenario({ variant: 'ext4-5.10', threads: [{ op: 'readahead', page: 0, count: 2 }] });
    const r = exact(sc, times(1, 8));
    expect(names(r, 1)).toEqual([
      'page_cache_ra_unbounded', 'add_to_page_cache_lru', 'add_to_page_cache_lru',
      'ext4_map_blocks', 'do_mpage_readpage', 'do_mpage_readpage', 'submit_bio', 'mpage_end_io',
    ]);
  });

  it('submits at a discontiguity, and reads a confused page through block_read_full_page, with buffers', () => {
    // Discontiguous, two blocks a page: every page is confused.
    const sc = scenario({ variant: 'ext4-3.11', layout: 'discontiguous', threads: [{ op: 'readahead', page: 0, count: 2 }] });
    const r = exact(sc, times(1, 11));
    expect(names(r, 1).filter((n) => n === 'block_read_full_page')).toHaveLength(2);
    expect(r.trace.flatMap((e) => e.changes)).toContain('page 0 +buffers');
    // One block a page, discontiguous: page 1's block does not follow page 0's, so page 0's I/O goes first.
    const one = scenario({ variant: 'ext4-3.11', blocksPerPage: 1, layout: 'discontiguous', threads: [{ op: 'readahead', page: 0, count: 2 }] });
    expect(names(exact(one, times(1, 12)), 1)).toEqual([
      'page_cache_ra_unbounded', 'add_to_page_cache_lru', 'ext4_map_blocks', 'do_mpage_readpage',
      'add_to_page_cache_lru', 'ext4_map_blocks', 'do_mpage_readpage', 'submit_bio', 'mpage_end_io', 'do_mpage_readpage',
      'submit_bio', 'mpage_end_io',
    ]);
  });

  it('looks up again when the extent does not reach the next page', () => {
    // After punching block 1, block 0 and blocks 2.. are separate extents with a hole between.
    const sc = scenario({ variant: 'ext4-3.11', blocksPerPage: 1, punch: { start: 1, length: 1 }, threads: [{ op: 'readahead', page: 0, count: 2 }] });
    const r = exact(sc, [...times(0, 10), ...times(1, 9)]);
    expect(names(r, 1).filter((n) => n === 'ext4_map_blocks')).toHaveLength(2);
  });

  it('skips pages already cached when the batch is allocated', () => {
    const sc = scenario({ variant: 'ext4-3.11', cache: ['clean', 'none'], threads: [{ op: 'readahead', page: 0, count: 2 }] });
    const r = exact(sc, times(1, 5));
    expect(r.trace[1].changes).toContain('page 1 inserted');
  });

  it('on ext4-5.15 holds invalidate_lock shared across the whole batch', () => {
    const sc = scenario({ threads: [{ op: 'readahead', page: 0, count: 2 }] });
    const r = exact(sc, times(1, 10));
    expect(names(r, 1)[0]).toBe('filemap_invalidate_lock_shared');
    expect(names(r, 1)[9]).toBe('filemap_invalidate_unlock_shared');
  });
});
