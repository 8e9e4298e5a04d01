import { describe, expect, it } from 'vitest';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { familyScenarios, threadSpecs } from '../../src/search/family';

const bounds = { variant: 'ext4-5.15', blocksPerPage: 2 as const, pages: 1, reuse: 'after-commit' as const, ops: CONCURRENT_OPS, threads: 2 };

describe('scenario families', () => {
  it('list each operation once per page, and readahead per batch', () => {
    expect(threadSpecs(bounds)).toHaveLength(10);
    expect(threadSpecs({ ...bounds, pages: 2 })).toHaveLength(19); // 8 ops x 2 pages + readahead 3 batches + bar + commit
    expect(threadSpecs({ ...bounds, reuse: 'immediate' }).some((t) => t.op === 'journalCommit')).toBe(false);
  });

  it('enumerate multisets of threads, fewest first, times cache states and punch ranges', () => {
    const all = [...familyScenarios(bounds)];
    // (1 + 10 + 55) thread multisets x 4 cache states x 3 punch ranges.
    expect(all).toHaveLength(66 * 4 * 3);
    expect(all[0].threads).toEqual([]);
    const sizes = all.map((s) => s.threads.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    const keys = new Set(all.map((s) => JSON.stringify(s)));
    expect(keys.size).toBe(all.length);
  });
});
