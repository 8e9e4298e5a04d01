import { describe, expect, it } from 'vitest';
import { run } from '../../src/run/runner';
import { exact, scenario, setup, times } from '../helpers';

// ext4-3.15: readahead looks pages 0 and 1 up at page 0 (one extent) and puts page 0 in its
// I/O; before it inserts page 1 the punch of page 1 runs whole; bar is given the freed block 2
// and writes it; readahead then inserts page 1 from its cached lookup and its one I/O reads bar's
// data into it, and a read returns it.
const sc = scenario({
  variant: 'ext4-3.15', punch: { start: 2, length: 2 },
  threads: [{ op: 'readahead', page: 0, count: 2 }, { op: 'barWrite' }, { op: 'read', page: 1 }],
});
const race = [...times(1, 4), ...times(0, 11), 2, 2, ...times(1, 4), 3];

describe('no-foreign-data-exposed', () => {
  it('fails when readahead reads a block bar was given (ext4-3.15)', () => {
    const r = exact(sc, race, ['no-foreign-data-exposed']);
    expect(r.violation?.message).toBe("read of foo's page 1 (thread 3) returned bar's data (thread 2)");
  });

  it('holds when bar writes after the read', () => {
    const r = exact(sc, [...times(1, 4), ...times(0, 11), ...times(1, 4), 3, 2, 2], ['no-foreign-data-exposed']);
    expect(r.finished).toBe(true);
    expect(r.violation).toBeNull();
  });

  it('holds on ext4-5.15 for the same interleaving', () => {
    const { m, s0 } = setup({ ...sc, variant: 'ext4-5.15' });
    expect(run(m, s0, race, { claims: ['no-foreign-data-exposed'] }).violation).toBeNull();
  });
});
