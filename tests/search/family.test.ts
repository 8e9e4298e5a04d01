import { describe, expect, it } from 'vitest';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { familyScenarios, threadSpecs } from '../../src/search/explore/family';

const bounds = { variant: 'ext4-5.15', blocksPerPage: 2 as const, pages: 1, mount: 'data=ordered' as const, ops: CONCURRENT_OPS, threads: 2 };

describe('scenario families', () => {
  it('list each operation once per page, and readahead per batch', () => {
    expect(threadSpecs(bounds)).toHaveLength(9);
    expect(threadSpecs({ ...bounds, pages: 2 })).toHaveLength(18); // 7 ops x 2 pages + readahead 3 batches + bar (jbd2 is no scenario's thread)
  });

  it('enumerate multisets of threads, fewest first, times layouts, cache states and punch ranges', () => {
    const all = [...familyScenarios(bounds)];
    // (1 + 9 + 45) thread multisets x 3 layouts x 5 cache states x 3 punch ranges.
    expect(all).toHaveLength(55 * 3 * 5 * 3);
    // With one block a page and one page, discontiguous is contiguous: two layouts.
    expect([...familyScenarios({ ...bounds, blocksPerPage: 1, threads: 0 })].map((s) => s.layout)).toEqual(
      [...Array(5).fill('contiguous'), ...Array(5).fill('hole-first')],
    );
    expect(all[0].threads).toEqual([]);
    const sizes = all.map((s) => s.threads.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    const keys = new Set(all.map((s) => JSON.stringify(s)));
    expect(keys.size).toBe(all.length);
  });

  it('split into shards: every scenario in exactly one, in the family\'s order', () => {
    const key = (sc: unknown) => JSON.stringify(sc);
    const all = [...familyScenarios(bounds)].map(key);
    const shards = [0, 1, 2].map((index) => [...familyScenarios({ ...bounds, shard: { index, count: 3 } })].map(key));
    expect(shards.map((s) => s.length)).toEqual([0, 1, 2].map((i) => Math.ceil((all.length - i) / 3)));
    expect(shards.flat().sort()).toEqual([...all].sort());
    shards.forEach((s, i) => expect(s).toEqual(all.filter((_x, k) => k % 3 === i)));
  });
});
