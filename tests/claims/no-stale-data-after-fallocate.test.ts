import { describe, expect, it } from 'vitest';
import { run } from '../../src/run/runner';
import { exact, scenario, setup, times } from '../helpers';

// ext4-3.15: readahead of pages 0-1 looks both up at page 0 (one extent) and puts page 0 in its
// I/O, then the whole punch of page 1 runs, T before and after RM finding page 1 not yet cached;
// readahead then inserts page 1 from its cached lookup and reads the freed blocks. A read after
// the punch hits it.
const sc = scenario({
  variant: 'ext4-3.15', punch: { start: 2, length: 2 },
  threads: [{ op: 'readahead', page: 0, count: 2 }, { op: 'read', page: 1 }],
});
const race = [...times(1, 4), ...times(0, 11), ...times(1, 4), 2];

describe('no-stale-data-after-fallocate', () => {
  it('fails when readahead\'s cached lookup outlives both truncations (ext4-3.15)', () => {
    const r = exact(sc, race, ['no-stale-data-after-fallocate']);
    expect(r.violation?.message).toBe(
      "read of page 1 (thread 2) started after fallocate returned and got foo's old data in punched block 2",
    );
  });

  it('holds when readahead runs after the punch', () => {
    const r = exact(sc, [...times(0, 11), ...times(1, 8), 2], ['no-stale-data-after-fallocate']);
    expect(r.violation).toBeNull();
    expect(r.finished).toBe(true);
  });

  it('holds on ext4-5.15 for the same interleaving', () => {
    const { m, s0 } = setup({ ...sc, variant: 'ext4-5.15' });
    const r = run(m, s0, race, { claims: ['no-stale-data-after-fallocate'] });
    expect(r.violation).toBeNull();
  });

  it('accepts the data of a write that had not completed when the punch started', () => {
    const wsc = scenario({ variant: 'ext4-5.15', threads: [{ op: 'write', page: 0 }, { op: 'read', page: 0 }] });
    const r = exact(wsc, [...times(0, 12), ...times(1, 5), 2], ['no-stale-data-after-fallocate']);
    expect(r.violation).toBeNull();
  });
});
