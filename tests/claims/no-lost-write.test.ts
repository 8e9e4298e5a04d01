import { describe, expect, it } from 'vitest';
import { noLostWrite } from '../../src/claims/no-lost-write';
import { evictPage, setPageData } from '../../src/model/page-cache';
import { threadTag } from '../../src/model/tags';
import { run } from '../../src/run/runner';
import { scenario, setup, times } from '../helpers';

describe('no-lost-write', () => {
  const sc = scenario({ cache: ['none', 'dirty'], threads: [{ op: 'write', page: 1 }, { op: 'write', page: 1 }] });

  it('holds for serial writes outside the punched range, and ignores runs that have not finished', () => {
    const { m, s0 } = setup(sc);
    expect(noLostWrite(s0, m)).toBeNull(); // not finished: not judged
    const r = run(m, s0, [...times(0, 12), ...times(1, 5), ...times(2, 5)], { claims: ['no-lost-write'] });
    expect(r.finished).toBe(true);
    expect(r.violation).toBeNull();
  });

  it('fails when the dirty page with the last write is dropped', () => {
    const { m, s0 } = setup(sc);
    const r = run(m, s0, [...times(0, 12), ...times(1, 5), ...times(2, 5)], { claims: [] });
    evictPage(r.final, m.layout, 1);
    expect(noLostWrite(r.final, m)).toBe(
      "block 2 of foo holds foo's old data after every thread finished; the last write there left the data of write (thread 2)",
    );
  });

  it('fails when an earlier write wins over a later one', () => {
    const { m, s0 } = setup(sc);
    const r = run(m, s0, [...times(0, 12), ...times(1, 5), ...times(2, 5)], { claims: [] });
    setPageData(r.final, m.layout, 1, 0, threadTag(1));
    expect(noLostWrite(r.final, m)).toMatch(/^block 2 of foo holds the data of write \(thread 1\)/);
  });

  it('accepts either value from writes that overlapped in time', () => {
    const ov = scenario({ cache: ['none', 'none'], threads: [{ op: 'mmapWrite', page: 1 }, { op: 'write', page: 1 }] });
    const { m, s0 } = setup(ov);
    // The store faults first, then write(2) starts before the store lands and finishes after it.
    const r = run(m, s0, [...times(0, 12), 1, 2, ...times(1, 13), ...times(2, 4)], { claims: [] });
    expect(r.finished).toBe(true);
    expect(noLostWrite(r.final, m)).toBeNull();
    setPageData(r.final, m.layout, 1, 0, threadTag(1));
    setPageData(r.final, m.layout, 1, 1, threadTag(1));
    expect(noLostWrite(r.final, m)).toBeNull();
  });

  it('keeps a page that started dirty as the expected value when nobody writes it', () => {
    const { m, s0 } = setup(scenario({ cache: ['none', 'dirty'] }));
    const r = run(m, s0, [], { claims: ['no-lost-write'] });
    expect(r.violation).toBeNull();
    setPageData(r.final, m.layout, 1, 0, 1);
    expect(noLostWrite(r.final, m)).toMatch(/^block 2 of foo holds foo's old data .* left foo's old dirty data$/);
  });
});

describe('no-lost-write inside the punched range (fsx, fstests generic/567)', () => {
  // Two blocks a page; the punch takes block 1 only, half of page 0. Thread 1 stores into page 0 after the
  // punch's flush (which wrote the page back and write-protected it) and before its locks: page_mkwrite maps
  // the page writable again. T keeps a partly punched page mapped. Thread 2 stores after the punch returns.
  const partial = (variant: string) => scenario({
    variant, pages: 1, cache: ['none'], punch: { start: 1, length: 1 }, threads: [{ op: 'mmapWrite', page: 0 }, { op: 'mmapWrite', page: 0 }],
  });
  const storeInTheWindow = (variant: string) => {
    const { m, s0 } = setup(partial(variant));
    const punch = m.programs[0].steps.length; // an upper bound: the replay moves on once the punch is done
    return run(m, s0, [0, ...times(1, 12), ...times(0, punch), ...times(2, 12)], { claims: ['no-lost-write'], trace: true });
  };

  it('5.15: the second store goes through the still-writable entry, no fault, no page_mkwrite; writeback skips the punched buffer: lost', () => {
    const r = storeInTheWindow('ext4-5.15');
    expect(r.trace.filter((e) => e.thread === 2).map((e) => e.name)).toEqual(['user_store']);
    expect(r.violation?.message).toBe(
      'block 1 of foo holds zeros after every thread finished; the last write there left the data of mmapWrite (thread 2)',
    );
  });

  it('6.15 (17207d0bb209): the punch write-protects the partly punched page, the store faults, page_mkwrite maps the buffer: kept', () => {
    const r = storeInTheWindow('ext4-6.15');
    expect(r.trace.filter((e) => e.thread === 2).map((e) => e.name)).toContain('ext4_da_get_block_prep');
    expect(r.finished).toBe(true);
    expect(r.violation).toBeNull();
  });
});
