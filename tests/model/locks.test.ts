import { describe, expect, it } from 'vitest';
import { G, T_PC } from '../../src/model/layout';
import { acquire, canAcquire, release } from '../../src/model/locks';
import { newState } from '../../src/model/state';
import { isEnabled, takeStep } from '../../src/model/step';
import { exact, names, scenario, setup, times } from '../helpers';

describe('read-write semaphores', () => {
  const w = G.I_RWSEM;
  it('admit many readers, or one writer, never both', () => {
    const s = newState(16);
    expect(canAcquire(s, w, 'exclusive')).toBe(true);
    acquire(s, w, 'shared');
    acquire(s, w, 'shared');
    expect(s[w]).toBe(2);
    expect(canAcquire(s, w, 'shared')).toBe(true);
    expect(canAcquire(s, w, 'exclusive')).toBe(false);
    release(s, w, 'shared');
    release(s, w, 'shared');
    acquire(s, w, 'exclusive');
    expect(canAcquire(s, w, 'shared')).toBe(false);
    expect(canAcquire(s, w, 'exclusive')).toBe(false);
    release(s, w, 'exclusive');
    expect(s[w]).toBe(0);
  });
});

describe('locks in the paths', () => {
  it('a write(2) is blocked, not spinning, while the punch holds i_rwsem', () => {
    const sc = scenario({ threads: [{ op: 'write', page: 1 }] });
    const { m, s0 } = setup(sc);
    takeStep(s0, m, 0); // filemap_write_and_wait_range
    takeStep(s0, m, 0); // inode_lock
    expect(s0[G.I_RWSEM]).toBe(-1);
    const pc = s0[m.layout.thread(1) + T_PC];
    expect(isEnabled(s0, m, 1)).toBe(false);
    expect(s0[m.layout.thread(1) + T_PC]).toBe(pc);
  });

  it('on ext4-5.15 a read that must create a page waits for the punch\'s invalidate_lock', () => {
    const sc = scenario({ threads: [{ op: 'read', page: 0 }] });
    const { m, s0 } = setup(sc);
    for (let i = 0; i < 4; i++) takeStep(s0, m, 0); // flush, inode_lock, inode_dio_wait, filemap_invalidate_lock
    expect(s0[G.INVALIDATE_LOCK]).toBe(-1);
    takeStep(s0, m, 1); // filemap_get_pages: a miss
    expect(isEnabled(s0, m, 1)).toBe(false);
  });

  it('on ext4-4.5 the same read takes no lock and runs inside the punch', () => {
    const sc = scenario({ variant: 'ext4-4.5', threads: [{ op: 'read', page: 1 }] });
    const r = exact(sc, [...times(0, 4), ...times(1, 6)]);
    expect(names(r, 1)).toEqual([
      'filemap_get_pages', 'add_to_page_cache_lru', 'ext4_map_blocks', 'submit_bio', 'page_endio', 'copy_page_to_iter',
    ]);
  });

  it('ext4_map_blocks waits while the punch holds i_data_sem exclusive', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 0 }] });
    const { m, s0 } = setup(sc);
    // flush, inode_lock, unmap (nothing cached: the loop is skipped), inode_dio_wait, journal start, down_write(i_data_sem)
    for (let i = 0; i < 6; i++) takeStep(s0, m, 0);
    expect(s0[G.I_DATA_SEM]).toBe(-1);
    takeStep(s0, m, 1);
    takeStep(s0, m, 1);
    expect(isEnabled(s0, m, 1)).toBe(false);
  });
});
