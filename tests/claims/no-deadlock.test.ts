import { describe, expect, it } from 'vitest';
import { run } from '../../src/run/runner';
import { resolveVariant } from '../../src/variants/resolve-variant';
import { exact, scenario, setup } from '../helpers';

// A lock-order inversion: this punch takes i_mmap_sem before i_rwsem, while its write(2)
// takes i_rwsem and then i_mmap_sem. Each can end up holding what the other waits for.
const inverted = resolveVariant({
  name: 'inverted',
  extends: 'ext4-4.5',
  punch: ['down_write(i_mmap_sem)', 'inode_lock', 'truncate_pagecache_range', 'ext4_journal_start',
    'ext4_ext_remove_space', 'ext4_journal_stop', 'inode_unlock', 'up_write(i_mmap_sem)'],
  locks: { write: ['i_rwsem:exclusive', 'i_mmap_sem:shared'] },
});
const sc = scenario({ variant: 'ext4-4.5', threads: [{ op: 'write', page: 1 }] });

describe('no-deadlock', () => {
  it('fails on a lock-order inversion between the punch and write(2)', () => {
    const r = exact(sc, [0, 1], ['no-deadlock'], inverted);
    expect(r.violation?.message).toBe('no thread can move: thread 0 in inode_lock, thread 1 in down_read(i_mmap_sem)');
  });

  it('holds for the inverted variant when one side finishes first', () => {
    const r = exact(sc, [0, 0], ['no-deadlock'], inverted);
    expect(r.finished).toBe(true);
    expect(r.violation).toBeNull();
  });

  it('holds on ext4-4.5 for the same schedule', () => {
    const { m, s0 } = setup(sc);
    const r = run(m, s0, [0, 1], { claims: ['no-deadlock'] });
    expect(r.finished).toBe(true);
    expect(r.violation).toBeNull();
  });

  it('without the claim, a deadlocked run stops as stuck', () => {
    const r = exact(sc, [0, 1], [], inverted);
    expect(r.stuck).toBe(true);
    expect(r.violation).toBeNull();
  });
});
