import { describe, expect, it } from 'vitest';
import { T_LOCAL } from '../../src/model/layout';
import { run } from '../../src/run/runner';
import { barNeverOverwrittenByFoo } from '../../src/claims/bar-never-overwritten-by-foo';
import { exact, scenario, setup, times } from '../helpers';

// Jan Kara's race on ext4-3.11 (the thread, 2013-09-27): a write fault maps page 0's
// buffers between T and RM; RM frees the blocks; bar gets block 0 and writes it; writeback of
// foo writes the dirty page to its cached block numbers, over bar's data.
const sc = scenario({
  variant: 'ext4-3.11',
  threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }],
});
// Writeback on 3.11 takes its journal handle first (ext4_writepages), so its device write is its fourth step.
const race = [...times(0, 3), ...times(1, 11), ...times(0, 7), 2, 2, 3, 3, 3, 3];

describe('bar-never-overwritten-by-foo', () => {
  it('fails on Jan Kara\'s race (ext4-3.11)', () => {
    const r = exact(sc, race, ['bar-never-overwritten-by-foo']);
    expect(r.violation).toMatchObject({ step: 27, thread: 3, stepName: 'submit_bio' });
    expect(r.violation?.message).toBe('foo writeback (thread 3) wrote block 0, which bar owns since step 22');
  });

  it('holds when the write fault comes after the punch', () => {
    const r = exact(sc, [...times(0, 10), ...times(1, 11), 2, 2, ...times(3, 6)], ['bar-never-overwritten-by-foo']);
    expect(r.finished).toBe(true);
    expect(r.violation).toBeNull();
  });

  it('holds on ext4-4.5 for the same interleaving: the fault waits for i_mmap_sem', () => {
    const { m, s0 } = setup({ ...sc, variant: 'ext4-4.5' });
    expect(run(m, s0, race, { claims: ['bar-never-overwritten-by-foo'] }).violation).toBeNull();
  });

  it('fails when a completed bar write no longer holds its data', () => {
    const { m, s0 } = setup(scenario({ threads: [{ op: 'barWrite' }] }));
    const r = run(m, s0, [1, 1], { claims: [] });
    expect(barNeverOverwrittenByFoo(r.final, m)).toBeNull();
    const blk = r.final[m.layout.thread(1) + T_LOCAL];
    r.final[m.layout.deviceData + blk] = 0;
    expect(barNeverOverwrittenByFoo(r.final, m)).toBe(`bar's write (thread 1) to block ${blk} is lost: the block holds zeros`);
  });
});
