import { describe, expect, it } from 'vitest';
import { BUF_DELAYED, HOLE } from '../../src/model/layout';
import { buffer, setBuffer, setFlags } from '../../src/model/page-cache';
import { PG_BUFFERS, PG_CACHED } from '../../src/model/layout';
import { mapUnmappedBuffers } from '../../src/paths/map-for-write';
import { resolveVariant } from '../../src/variants/resolve-variant';
import { variantToFile } from '../../src/variants/variant-to-file';
import { exact, names, scenario, setup, times } from '../helpers';

describe('path alternatives', () => {
  it('readaheadLookup "every-page": the second page of a contiguous extent is looked up again, where the kernel reuses the first lookup', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'readahead', page: 0, count: 2 }] });
    const lookups = (r: ReturnType<typeof exact>) => names(r, 1).filter((n) => n === 'ext4_map_blocks').length;
    expect(lookups(exact(sc, times(1, 8)))).toBe(1);
    const every = resolveVariant({ name: 'every-page', extends: 'ext4-3.11', readaheadLookup: 'every-page' });
    const r = exact(sc, times(1, 9), undefined, every);
    expect(names(r, 1)).toEqual([
      'page_cache_ra_unbounded',
      'add_to_page_cache_lru', 'ext4_map_blocks', 'do_mpage_readpage',
      'add_to_page_cache_lru', 'ext4_map_blocks', 'do_mpage_readpage',
      'submit_bio', 'mpage_end_io',
    ]);
  });

  it('mkwriteLookup "every-buffer": a buffer still mapped to a punched block is looked up again, where the kernel trusts it', () => {
    const { m, s0 } = setup(scenario({ blocksPerPage: 1, pages: 1 }));
    const L = m.layout;
    const stale = (everyBuffer: boolean): number => {
      const s = s0.slice();
      setFlags(s, L, 0, PG_CACHED | PG_BUFFERS);
      setBuffer(s, L, 0, 0, 7); // mapped to block 7 before the punch removed the extent
      s[L.fooMap] = HOLE;
      mapUnmappedBuffers(s, L, 0, everyBuffer);
      return buffer(s, L, 0, 0);
    };
    expect(stale(false)).toBe(7);
    expect(stale(true)).toBe(BUF_DELAYED);
  });

  it('are said in a case\'s variant only when they are not the kernel\'s, so earlier cases keep their hash', () => {
    expect(variantToFile(resolveVariant({ name: 'a', extends: 'ext4-5.15' }))).not.toHaveProperty('readaheadLookup');
    expect(variantToFile(resolveVariant({ name: 'b', extends: 'ext4-5.15', mkwriteLookup: 'every-buffer' }))).toMatchObject({ mkwriteLookup: 'every-buffer' });
  });
});
