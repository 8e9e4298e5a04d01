import { describe, expect, it } from 'vitest';
import { G, OWNER_FOO } from '../../src/model/layout';
import { run } from '../../src/run/runner';
import { isEnabled, takeStep } from '../../src/model/step';
import { exact, names, scenario, setup, times } from '../helpers';

describe('direct I/O', () => {
  it('a read maps under the inode lock and does the device I/O after dropping it (AIO)', () => {
    const r = exact(scenario({ threads: [{ op: 'dioRead', page: 1 }] }), times(1, 7));
    expect(names(r, 1)).toEqual([
      'inode_lock_shared', 'filemap_write_and_wait_range', 'inode_dio_begin', 'ext4_map_blocks',
      'inode_unlock_shared', 'submit_bio', 'inode_dio_end',
    ]);
  });

  it('a write flushes and drops the cached page, and converts an unwritten extent at completion', () => {
    const sc = scenario({ variant: 'ext4-3.11', cache: ['dirty', 'none'], threads: [{ op: 'dioWrite', page: 0 }] });
    const r = exact(sc, [...times(0, 11), ...times(1, 10)]);
    expect(names(r, 1)).toEqual([
      'inode_lock', 'filemap_write_and_wait_range', 'invalidate_inode_pages2_range', 'inode_dio_begin', 'ext4_map_blocks',
      'inode_unlock', 'submit_bio', 'ext4_convert_unwritten_extents', 'invalidate_inode_pages2_range', 'inode_dio_end',
    ]);
    const map = r.trace.find((e) => e.thread === 1 && e.name === 'ext4_map_blocks');
    expect(map?.changes).toContain('foo extent 0: hole -> block 0 (unwritten)');
  });

  it('a read of an unwritten extent returns zeros, not what the reused block held', () => {
    // The punch frees blocks 0 and 1; the DIO write gets block 0 back as an unwritten extent;
    // a DIO read before the write lands must see zeros, not foo's old data.
    const sc = scenario({ variant: 'ext4-5.15', threads: [{ op: 'dioWrite', page: 0 }, { op: 'dioRead', page: 0 }] });
    const r = exact(sc, [...times(0, 12), ...times(1, 7), ...times(2, 7)], ['no-stale-data-after-fallocate']);
    expect(r.violation).toBeNull();
    expect(names(r, 2)).toContain('inode_dio_end');
  });

  it('inode_dio_wait holds the punch while direct I/O is in flight', () => {
    const sc = scenario({ threads: [{ op: 'dioWrite', page: 1 }] });
    const { m, s0 } = setup(sc);
    for (let i = 0; i < 6; i++) takeStep(s0, m, 1); // up to inode_unlock: the I/O is in flight
    expect(s0[G.DIO_COUNT]).toBe(1);
    takeStep(s0, m, 0); // flush
    takeStep(s0, m, 0); // inode_lock
    expect(isEnabled(s0, m, 0)).toBe(false); // inode_dio_wait
    while (s0[G.DIO_COUNT] > 0) takeStep(s0, m, 1);
    expect(isEnabled(s0, m, 0)).toBe(true);
  });
});

describe('bar and the journal', () => {

  it('bar gets ENOSPC when no block is free, and writes nothing', () => {
    const { m, s0 } = setup(scenario({ threads: [{ op: 'barWrite' }] }));
    for (let b = 0; b < m.layout.deviceBlocks; b++) s0[m.layout.deviceOwner + b] = OWNER_FOO;
    const r = run(m, s0, [1], { trace: true, strict: true });
    expect(names(r, 1)).toEqual(['ext4_mb_new_blocks']);
    expect(r.trace[0].changes).toEqual([]);
    expect(r.violation).toBeNull();
  });
});
