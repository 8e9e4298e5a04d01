import { describe, expect, it } from 'vitest';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { locksBalanced } from '../variants/locks-balanced';

describe('the locks each thread records holding', () => {
  it('agrees with the lock words in every state of every interleaving of the eras with the most lock sites, 4.5 (i_mmap_sem in two regions of one path) and 5.15 (two threads, one page)', () => {
    for (const era of ['ext4-4.5', 'ext4-5.15']) {
      const r = locksBalanced(builtinVariant(era), 1, 2);
      expect(r.broken, era).toBeNull();
      expect(r.states, era).toBeGreaterThan(10_000);
    }
  });
});
