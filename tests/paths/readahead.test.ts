import { describe, expect, it } from 'vitest';
import { exact, names, scenario, times } from '../helpers';

describe('readahead', () => {
  it('looks the blocks up once for the whole batch and reuses the lookup for the later page', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'readahead', page: 0, count: 2 }] });
    const r = exact(sc, times(1, 8));
    expect(names(r, 1)).toEqual([
      'page_cache_ra_unbounded',
      'add_to_page_cache_lru', 'ext4_map_blocks', 'submit_bio', 'page_endio',
      'add_to_page_cache_lru', 'submit_bio', 'page_endio',
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
