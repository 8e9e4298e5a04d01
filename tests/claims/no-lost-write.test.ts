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
