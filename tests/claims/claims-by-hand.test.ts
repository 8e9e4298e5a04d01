import { describe, expect, it } from 'vitest';
import { barNeverOverwrittenByFoo } from '../../src/claims/bar-never-overwritten-by-foo';
import { noForeignDataExposed } from '../../src/claims/no-foreign-data-exposed';
import { noLostWrite } from '../../src/claims/no-lost-write';
import { noPageMapsFreedBlock } from '../../src/claims/no-page-maps-freed-block';
import { noStaleDataAfterFallocate } from '../../src/claims/no-stale-data-after-fallocate';
import { BUF_DELAYED, BUF_UNMAPPED, G, OWNER_BAR, OWNER_FREE, OWNER_FREED_UNCOMMITTED, PG_BUFFERS, PG_CACHED, PG_DIRTY, PG_UPTODATE, PRED_STARTED, T_LOCAL, T_PC, T_PRED } from '../../src/model/layout';
import { setBuffer, setFlags, setPageData } from '../../src/model/page-cache';
import type { Model } from '../../src/model/model';
import type { State } from '../../src/model/state';
import { TAG_FOO_OLD, TAG_ZERO, threadTag } from '../../src/model/tags';
import { scenario, setup } from '../helpers';

/**
 * The claims' branches, one at a time, on states set by hand: the traces of
 * the other claim tests reach the common cases; these reach the edges (the
 * ends of the punched range, reads that started before the punch returned,
 * writers on other pages, a buffer that no longer maps foo's block).
 * Threads: 1 read page 0, 2 read page 1, 3 barWrite, 4 write page 0.
 * Two blocks a page, two pages; the punch covers blocks 1 and 2 (half of
 * each page).
 */
const sc = scenario({
  variant: 'ext4-5.15', punch: { start: 1, length: 2 },
  threads: [{ op: 'read', page: 0 }, { op: 'read', page: 1 }, { op: 'barWrite' }, { op: 'write', page: 0 }],
});

function fresh(): { m: Model; s: State } {
  const { m, s0 } = setup(sc);
  return { m, s: [...s0] };
}

function finish(s: State, m: Model, ...threads: number[]): void {
  for (const i of threads) s[m.layout.thread(i) + T_PC] = m.programs[s[m.layout.thread(i)]].steps.length;
}

function returned(s: State, m: Model, thread: number, tags: [number, number], pred = 1): void {
  const base = m.layout.thread(thread);
  s[base + m.layout.threadResult] = tags[0];
  s[base + m.layout.threadResult + 1] = tags[1];
  s[base + T_PRED] = PRED_STARTED | pred;
  finish(s, m, thread);
}

describe('no-stale-data-after-fallocate, by hand', () => {
  it('judges exactly the punched blocks of a read that started after the punch returned', () => {
    const { m, s } = fresh();
    returned(s, m, 1, [TAG_FOO_OLD, TAG_ZERO]); // block 0 is outside the range, block 1 inside and zero
    returned(s, m, 2, [TAG_ZERO, TAG_FOO_OLD]); // block 2 inside and zero, block 3 outside
    expect(noStaleDataAfterFallocate(s, m)).toBeNull();
    returned(s, m, 1, [TAG_FOO_OLD, TAG_FOO_OLD]); // the range's first block
    expect(noStaleDataAfterFallocate(s, m)).toBe("read of page 0 (thread 1) started after fallocate returned and got foo's old data in punched block 1");
    returned(s, m, 1, [TAG_FOO_OLD, TAG_ZERO]);
    returned(s, m, 2, [TAG_FOO_OLD, TAG_FOO_OLD]); // the range's last block
    expect(noStaleDataAfterFallocate(s, m)).toBe("read of page 1 (thread 2) started after fallocate returned and got foo's old data in punched block 2");
  });

  it('does not judge a read that started before the punch returned, or one not finished', () => {
    const { m, s } = fresh();
    returned(s, m, 1, [TAG_FOO_OLD, TAG_FOO_OLD], 0);
    expect(noStaleDataAfterFallocate(s, m)).toBeNull();
    returned(s, m, 2, [TAG_FOO_OLD, TAG_FOO_OLD]);
    s[m.layout.thread(2) + T_PC] = 0;
    expect(noStaleDataAfterFallocate(s, m)).toBeNull();
  });

  it('accepts a write to the page that had not completed when the punch started, and nothing else', () => {
    const { m, s } = fresh();
    returned(s, m, 1, [TAG_FOO_OLD, threadTag(4)]);
    expect(noStaleDataAfterFallocate(s, m)).toBeNull();
    s[m.layout.thread(0) + T_PRED] = 1 << 4; // the write had completed before the punch started
    expect(noStaleDataAfterFallocate(s, m)).toMatch(/got the data of write \(thread 4\) in punched block 1/);
    s[m.layout.thread(0) + T_PRED] = 0;
    returned(s, m, 2, [threadTag(4), TAG_ZERO]); // a write of page 0 is no excuse for page 1
    expect(noStaleDataAfterFallocate(s, m)).toMatch(/read of page 1 \(thread 2\).*write \(thread 4\) in punched block 2/);
    returned(s, m, 2, [threadTag(2), TAG_ZERO]); // a reader is not a writer
    expect(noStaleDataAfterFallocate(s, m)).toMatch(/punched block 2/);
    returned(s, m, 2, [threadTag(9), TAG_ZERO]); // no such thread
    expect(noStaleDataAfterFallocate(s, m)).toMatch(/unknown data #12 in punched block 2/);
    returned(s, m, 2, [threadTag(0), TAG_ZERO]); // the punch writes no data
    expect(noStaleDataAfterFallocate(s, m)).toMatch(/punched block 2/);
  });
});

describe('no-foreign-data-exposed, by hand', () => {
  it('fails only when a finished read returned data of a barWrite thread', () => {
    const { m, s } = fresh();
    returned(s, m, 1, [threadTag(4), TAG_FOO_OLD], 0);
    expect(noForeignDataExposed(s, m)).toBeNull();
    returned(s, m, 2, [TAG_ZERO, threadTag(3)], 0);
    expect(noForeignDataExposed(s, m)).toBe("read of foo's page 1 (thread 2) returned bar's data (thread 3)");
    s[m.layout.thread(2) + T_PC] = 0; // not returned yet: data in flight is not exposed
    expect(noForeignDataExposed(s, m)).toBeNull();
    returned(s, m, 1, [threadTag(3), TAG_ZERO], 0);
    expect(noForeignDataExposed(s, m)).toBe("read of foo's page 0 (thread 1) returned bar's data (thread 3)");
    returned(s, m, 1, [threadTag(0), threadTag(9)], 0); // the punch's number, a thread that does not exist
    expect(noForeignDataExposed(s, m)).toBeNull();
  });

  it('does not count the results of a thread that is not a read', () => {
    const { m, s } = fresh();
    returned(s, m, 4, [threadTag(3), threadTag(3)], 0); // the writer's result words are not data returned
    expect(noForeignDataExposed(s, m)).toBeNull();
  });
});

describe('no-lost-write, by hand', () => {
  /**
   * Every thread finished; the punch and the write (thread 4) ran at the same
   * time (each started before the other finished), so block 1, in both
   * ranges, may hold the write's data or the punch's zeros; page 0 as given.
   */
  function written(pageFlags: number, bufs: [number, number], data: [number, number]): { m: Model; s: State } {
    const { m, s } = fresh();
    finish(s, m, 0, 1, 2, 3, 4);
    s[m.layout.thread(0) + T_PRED] = PRED_STARTED;
    s[m.layout.thread(4) + T_PRED] = PRED_STARTED;
    s[m.layout.deviceData + 2] = TAG_ZERO; // block 2, punched and written by nobody, reads zeros
    setFlags(s, m.layout, 0, pageFlags);
    setBuffer(s, m.layout, 0, 0, bufs[0]);
    setBuffer(s, m.layout, 0, 1, bufs[1]);
    setPageData(s, m.layout, 0, 0, data[0]);
    setPageData(s, m.layout, 0, 1, data[1]);
    return { m, s };
  }
  const dirty = PG_CACHED | PG_UPTODATE | PG_DIRTY;

  it('says nothing until every thread has finished', () => {
    const { m, s } = written(PG_CACHED | PG_UPTODATE, [0, 1], [threadTag(4), threadTag(4)]); // the write's data never reached block 0
    expect(noLostWrite(s, m)).toMatch(/^block 0 of foo holds foo's old data/);
    s[m.layout.thread(2) + T_PC] = 0;
    expect(noLostWrite(s, m)).toBeNull();
  });

  it('reads a dirty page with delayed or no buffers as what writeback will write', () => {
    expect(noLostWrite(written(dirty, [0, 1], [threadTag(4), TAG_ZERO]).s, written(dirty, [0, 1], [threadTag(4), TAG_ZERO]).m)).toBeNull();
    const delayed = written(dirty | PG_BUFFERS, [BUF_DELAYED, BUF_DELAYED], [threadTag(4), TAG_ZERO]);
    expect(noLostWrite(delayed.s, delayed.m)).toBeNull();
    const noBuffers = written(dirty, [BUF_UNMAPPED, BUF_UNMAPPED], [threadTag(4), TAG_ZERO]);
    expect(noLostWrite(noBuffers.s, noBuffers.m)).toBeNull();
  });

  it('reads a clean buffer in a dirty page from disk', () => {
    const { m, s } = written(dirty | PG_BUFFERS, [BUF_UNMAPPED, 1], [threadTag(4), TAG_ZERO]);
    expect(noLostWrite(s, m)).toBe("block 0 of foo holds foo's old data after every thread finished; the last write there left the data of write (thread 4)");
    s[m.layout.deviceData + 0] = threadTag(4);
    expect(noLostWrite(s, m)).toBeNull();
  });

  it('loses the data of a buffer that maps a block foo no longer owns', () => {
    const { m, s } = written(dirty | PG_BUFFERS, [5, 1], [threadTag(4), TAG_ZERO]);
    expect(noLostWrite(s, m)).toMatch(/^block 0 of foo holds foo's old data/);
    setBuffer(s, m.layout, 0, 0, 0); // foo's own block 0
    expect(noLostWrite(s, m)).toBeNull();
  });

  it('expects old data where nobody wrote, dirty old data where the page started dirty, and zeros where the punch was last', () => {
    const { m, s } = fresh();
    finish(s, m, 0, 1, 2, 3, 4);
    expect(noLostWrite(s, m)).toBeNull(); // the punch never started: every block keeps its first value
    s[m.layout.thread(0) + T_PRED] = PRED_STARTED;
    expect(noLostWrite(s, m)).toBe("block 1 of foo holds foo's old data after every thread finished; the last write there left zeros (the punch)");
    s[m.layout.deviceData + 1] = TAG_ZERO; // blocks 1 and 2 are punched: zeros
    s[m.layout.deviceData + 2] = TAG_ZERO;
    expect(noLostWrite(s, m)).toBeNull();
    s[m.layout.deviceData + 3] = TAG_ZERO; // block 3 (page 1) lost its old data
    expect(noLostWrite(s, m)).toBe("block 3 of foo holds zeros after every thread finished; the last write there left foo's old data");
    s[m.layout.deviceData + 3] = TAG_FOO_OLD;
    s[G.INITIALLY_DIRTY_PAGES] = 1 << 1;
    expect(noLostWrite(s, m)).toBe("block 3 of foo holds foo's old data after every thread finished; the last write there left foo's old dirty data");
    s[G.INITIALLY_DIRTY_PAGES] = 0;
    expect(noLostWrite(s, m)).toBeNull();
  });

  it('accepts any write no other write started after, and only a write to that page', () => {
    const { m, s } = written(dirty, [0, 1], [threadTag(4), TAG_ZERO]);
    s[m.layout.thread(4) + T_PRED] = 0; // never started: its data cannot be there legally
    expect(noLostWrite(s, m)).toMatch(/^block 0 of foo holds the data of write \(thread 4\).*left foo's old data$/);
  });
});

describe('no-lost-write with several writers, by hand', () => {
  // Threads: 1 and 2 write page 0, 3 writes page 1, 4 reads page 0. One block a page, the punch on page 1.
  const wsc = scenario({
    variant: 'ext4-5.15', blocksPerPage: 1, punch: { start: 1, length: 1 },
    threads: [{ op: 'write', page: 0 }, { op: 'write', page: 0 }, { op: 'write', page: 1 }, { op: 'read', page: 0 }],
  });
  function state(onDisk: number, started: number[], after: Array<[number, number]> = []): { m: Model; s: State } {
    const { m, s0 } = setup(wsc);
    const s = [...s0];
    finish(s, m, 0, 1, 2, 3, 4);
    for (const i of started) s[m.layout.thread(i) + T_PRED] |= PRED_STARTED;
    for (const [later, earlier] of after) s[m.layout.thread(later) + T_PRED] |= 1 << earlier;
    s[m.layout.deviceData + 0] = onDisk;
    return { m, s };
  }

  it('accepts either of two overlapping writes, and only the later of two in sequence', () => {
    const both = state(threadTag(1), [1, 2]);
    expect(noLostWrite(both.s, both.m)).toBeNull();
    const other = state(threadTag(2), [1, 2]);
    expect(noLostWrite(other.s, other.m)).toBeNull();
    const sequence = state(threadTag(1), [1, 2], [[2, 1]]); // 2 started after 1 finished
    expect(noLostWrite(sequence.s, sequence.m)).toBe(
      'block 0 of foo holds the data of write (thread 1) after every thread finished; the last write there left the data of write (thread 2)',
    );
  });

  it('does not count a write to another page, a read, or a write that never started', () => {
    const page1 = state(TAG_FOO_OLD, [3]);
    page1.s[page1.m.layout.deviceData + 1] = threadTag(3); // page 1's write landed there
    expect(noLostWrite(page1.s, page1.m)).toBeNull();
    const read = state(TAG_FOO_OLD, [4]);
    expect(noLostWrite(read.s, read.m)).toBeNull();
    const neverStarted = state(threadTag(1), []);
    expect(noLostWrite(neverStarted.s, neverStarted.m)).toMatch(/left foo's old data$/);
  });
});

describe('no-page-maps-freed-block, by hand', () => {
  it('names the owner of the block a cached page\'s buffer maps, and ignores pages without buffers', () => {
    const { m, s } = fresh();
    const L = m.layout;
    setFlags(s, L, 1, PG_CACHED | PG_UPTODATE | PG_BUFFERS);
    setBuffer(s, L, 1, 0, 2);
    setBuffer(s, L, 1, 1, 3);
    expect(noPageMapsFreedBlock(s, m)).toBeNull();
    s[L.deviceOwner + 3] = OWNER_BAR;
    expect(noPageMapsFreedBlock(s, m)).toBe('page 1 of foo keeps buffer 1 mapped to block 3, which is owned by bar');
    s[L.deviceOwner + 3] = OWNER_FREE;
    expect(noPageMapsFreedBlock(s, m)).toBe('page 1 of foo keeps buffer 1 mapped to block 3, which is free');
    s[L.deviceOwner + 3] = OWNER_FREED_UNCOMMITTED;
    expect(noPageMapsFreedBlock(s, m, { ownerSince: () => 7 })).toBe(
      'page 1 of foo keeps buffer 1 mapped to block 3, which is freed since step 7 (reusable after the commit)',
    );
    setBuffer(s, L, 1, 1, BUF_UNMAPPED);
    expect(noPageMapsFreedBlock(s, m)).toBeNull();
    setBuffer(s, L, 1, 1, 3);
    setFlags(s, L, 1, 0);
    setFlags(s, L, 1, PG_CACHED | PG_UPTODATE); // the mpage path: no buffers, nothing mapped
    s[L.page(1)] = PG_CACHED | PG_UPTODATE;
    expect(noPageMapsFreedBlock(s, m)).toBeNull();
  });
});

describe('bar-never-overwritten-by-foo, by hand', () => {
  it('names who wrote bar\'s block (the punch\'s flush or a thread) and since when bar owns it', () => {
    const { m, s } = fresh();
    expect(barNeverOverwrittenByFoo(s, m)).toBeNull();
    s[G.FOO_WROTE_BAR_BLOCK] = 1 + 5;
    s[G.FOO_WROTE_BAR_BY] = 1 + 0;
    expect(barNeverOverwrittenByFoo(s, m)).toBe('foo the punch (filemap_write_and_wait_range) wrote block 5, which bar owns');
    s[G.FOO_WROTE_BAR_BY] = 1 + 4;
    expect(barNeverOverwrittenByFoo(s, m, { ownerSince: () => 9 })).toBe('foo write (thread 4) wrote block 5, which bar owns since step 9');
    expect(barNeverOverwrittenByFoo(s, m, { ownerSince: () => undefined })).toBe('foo write (thread 4) wrote block 5, which bar owns');
  });

  it('checks that a finished write of bar still holds its data, and nothing of a bar that wrote nothing', () => {
    const { m, s } = fresh();
    const bar = m.layout.thread(3);
    finish(s, m, 3);
    s[bar + T_LOCAL] = 5;
    s[m.layout.deviceData + 5] = threadTag(3);
    expect(barNeverOverwrittenByFoo(s, m)).toBeNull();
    s[m.layout.deviceData + 5] = threadTag(4);
    expect(barNeverOverwrittenByFoo(s, m)).toBe("bar's write (thread 3) to block 5 is lost: the block holds the data of write (thread 4)");
    s[bar + T_LOCAL] = 0; // block 0: a real block, foo's old data there
    expect(barNeverOverwrittenByFoo(s, m)).toBe("bar's write (thread 3) to block 0 is lost: the block holds foo's old data");
    s[bar + T_LOCAL] = -1; // ENOSPC: bar wrote nothing
    expect(barNeverOverwrittenByFoo(s, m)).toBeNull();
    s[bar + T_LOCAL] = 5;
    s[bar + T_PC] = 0; // not finished: its write is not due yet
    expect(barNeverOverwrittenByFoo(s, m)).toBeNull();
  });
});
