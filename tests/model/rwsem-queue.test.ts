import { describe, expect, it } from 'vitest';
import { G } from '../../src/model/layout';
import { locksHeld } from '../../src/model/lock-ownership';
import { isEnabled, takeStep } from '../../src/model/step';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { variantProblem } from '../../src/variants/check-variant';
import { resolveVariant } from '../../src/variants/resolve-variant';
import type { VariantFile } from '../../src/variants/variant-file';
import { names, scenario, setup } from '../helpers';

// Two direct I/O reads beside the 5.15 punch: each takes i_rwsem shared (inode_lock_shared), the punch exclusive.
const sc = scenario({ variant: 'ext4-5.15', blocksPerPage: 1, pages: 1, threads: [{ op: 'dioRead', page: 0 }, { op: 'dioRead', page: 0 }] });

describe('rwsem queueing (model/rwsem-queue.ts)', () => {
  it('a writer that finds the rwsem held shared joins its queue, and a new reader then waits behind it', () => {
    const { m, s0 } = setup(sc);
    const s = s0.slice();
    takeStep(s, m, 1); // inode_lock_shared
    expect(isEnabled(s, m, 2)).toBe(true); // no writer waits yet: a second reader may join
    takeStep(s, m, 0); // filemap_write_and_wait_range
    expect(takeStep(s, m, 0).name).toBe('inode_lock (queued)');
    expect(s[G.I_RWSEM]).toBe(1);
    expect(locksHeld(s, m, m.layout.thread(0))).toEqual([]);
    expect(isEnabled(s, m, 0)).toBe(false); // queued: it waits for the reader
    expect(isEnabled(s, m, 2)).toBe(false); // and the new reader waits behind it
    for (let k = 0; k < 4; k++) takeStep(s, m, 1); // ... up to inode_unlock_shared
    expect(s[G.I_RWSEM]).toBe(0);
    expect(isEnabled(s, m, 0)).toBe(true);
    expect(isEnabled(s, m, 2)).toBe(true); // with no holder, a reader may take the lock before the woken writer does
    expect(takeStep(s, m, 0).name).toBe('inode_lock');
    expect(locksHeld(s, m, m.layout.thread(0))).toEqual([{ word: G.I_RWSEM, mode: 'exclusive' }]);
    expect(isEnabled(s, m, 2)).toBe(false);
  });

  it('a writer that finds the rwsem free takes it at once, and one that finds it held exclusive just waits', () => {
    const { m, s0 } = setup(sc);
    const s = s0.slice();
    takeStep(s, m, 0);
    expect(takeStep(s, m, 0).name).toBe('inode_lock');
    expect(isEnabled(s, m, 1)).toBe(false);
  });

  // The same direct I/O read, taking i_rwsem shared a second time inside the first: recursive down_read.
  const recursive: VariantFile = {
    name: 'recursive-read', extends: 'ext4-5.15',
    regions: [{ path: 'dioRead', from: 'inode_dio_begin', to: 'ext4_map_blocks', locks: ['i_rwsem:shared'] }],
  };

  it('a reader taking the rwsem shared again while a writer waits blocks for good: no-deadlock is broken', () => {
    const v = resolveVariant({ ...recursive, lockOrderAtLoad: 'allow' });
    const { m, s0 } = setup(sc, v);
    const s = s0.slice();
    for (const t of [1, 1, 0, 0]) takeStep(s, m, t);
    expect(isEnabled(s, m, 1)).toBe(false);
    const [cell] = exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: ['dioRead'], threads: 1, claims: ['no-deadlock'], maxStates: 100_000 });
    expect(cell.verdict).toBe('violated');
    expect(cell.shortestSteps).toBe(4);
    const held = exploreCells({ variant: resolveVariant({ name: 'once', extends: 'ext4-5.15' }), blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: ['dioRead'], threads: 1, claims: ['no-deadlock'], maxStates: 100_000 });
    expect(held[0].verdict).toBe('held');
  });

  it('loading rejects the recursive read as a lock-order cycle unless the file says lockOrderAtLoad "allow"', () => {
    expect(variantProblem(resolveVariant(recursive))?.message).toMatch(/^regions\.0\.locks\.0: lock order cycle: i_rwsem -> i_rwsem/);
    expect(variantProblem(resolveVariant({ ...recursive, lockOrderAtLoad: 'allow' }))).toBeNull();
  });

  it('a queued step reads as the lock step in a trace', () => {
    const { m, s0 } = setup(sc);
    const s = s0.slice();
    takeStep(s, m, 1);
    takeStep(s, m, 0);
    expect(names({ trace: [{ step: 0, thread: 0, op: 'punch', name: takeStep(s, m, 0).name, changes: [] }] } as never)).toEqual(['inode_lock (queued)']);
  });
});
