import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { runScenario } from '../../src/run/run-scenario';
import type { Scenario } from '../../src/run/scenario';
import { stepKind } from '../../src/reports/timeline-html';
import { describeState } from '../../src/reports/describe-state';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { initialState, modelFor } from '../../src/run/initial-state';
import { variantProblem } from '../../src/variants/check-variant';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import { variantToFile } from '../../src/variants/variant-to-file';

/** ext4-5.15 written from 5.10 with a lock of its own in invalidate_lock's place: 5.15's design, as a user would write it. */
const OWN = {
  name: 'own-invalidate-lock',
  extends: 'ext4-5.10',
  newLocks: [{ name: 'my_invalidate_lock', kind: 'rwsem', after: 'i_rwsem' }],
  punch: builtinVariant('ext4-5.15').punch.map((s) => ({ filemap_invalidate_lock: 'down_write(my_invalidate_lock)', filemap_invalidate_unlock: 'up_write(my_invalidate_lock)' } as Record<string, string>)[s] ?? s),
  // 5.15 took i_mmap_sem out of the fault path: without this line the loader finds i_mmap_sem -> my_invalidate_lock (fault
  // around fault.create) against the order declared, my_invalidate_lock right after i_rwsem.
  locks: { fault: [], ...Object.fromEntries(['read.create', 'read.update', 'readahead.batch', 'fault.create', 'page_mkwrite'].map((site) => [site, ['my_invalidate_lock:shared']])) },
};

describe('a variant\'s own locks', () => {
  it('work as a built-in does: 5.15 rewritten with its own lock for invalidate_lock gives 5.15\'s verdicts, lengths and states', () => {
    const own = resolveVariant(OWN);
    expect(variantProblem(own)).toBeNull();
    for (const blocksPerPage of [1, 2] as const) {
      const explore = (v: typeof own) => exploreCells({ variant: v, blocksPerPage, pages: 1, mount: 'data=writeback', ops: CONCURRENT_OPS, threads: 2, claims: CLAIM_NAMES, maxStates: 5_000_000 })
        .map((c) => `${c.claim} ${c.verdict} ${c.shortestSteps ?? ''} ${c.states}`);
      expect(explore(own)).toEqual(explore(builtinVariant('ext4-5.15')));
    }
    // And 5.10, which lacks the lock, differs: the comparison can fail.
    expect(exploreCells({ variant: builtinVariant('ext4-5.10'), blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: CONCURRENT_OPS, threads: 2, claims: ['no-stale-data-after-fallocate'], maxStates: 5_000_000 })[0].verdict).toBe('violated');
  });

  it('get a state word after the globals, are named in traces and the state view, and are coloured as locks', () => {
    const own = resolveVariant(OWN);
    const sc: Scenario = {
      variant: own.name, blocksPerPage: 1, pages: 1, mount: 'data=writeback', layout: 'contiguous', cache: ['clean-buffers'],
      punch: { start: 0, length: 1 }, threads: [{ op: 'read', page: 0 }],
    };
    const m = modelFor(sc, own);
    expect(m.layout.size).toBe(modelFor(sc, builtinVariant('ext4-5.15')).layout.size + 1);
    expect(m.locks.map((l) => l.name)).toContain('my_invalidate_lock');
    const r = runScenario(sc, [0, 0, 0, 0], { variant: own, claims: [], trace: true });
    const taking = r.trace.find((e) => e.name === 'down_write(my_invalidate_lock)');
    expect(taking?.changes).toContain('my_invalidate_lock free -> exclusive');
    expect(stepKind(taking!.changes)).toBe('lock');
    expect(describeState(initialState(m, sc), m).locks).toMatchObject({ my_invalidate_lock: 'free' });
    // A case keeps the declaration; a variant without own locks keeps the file (and the hash) it had before.
    expect(variantToFile(own).newLocks).toEqual(OWN.newLocks);
    expect('newLocks' in variantToFile(builtinVariant('ext4-5.15'))).toBe(false);
  });

  it('are refused with the field named: a built-in\'s name, twice, an unknown "after", a mutex taken shared, an unknown lock', () => {
    const bad: Array<[object, string]> = [
      [{ newLocks: [{ name: 'i_rwsem', kind: 'rwsem', after: 'i_rwsem' }] }, 'newLocks.0.name: "i_rwsem" is a built-in lock\'s name'],
      [{ newLocks: [{ name: 'a', kind: 'rwsem', after: 'i_rwsem' }, { name: 'a', kind: 'mutex', after: 'i_rwsem' }] }, 'newLocks.1.name: "a" is declared twice'],
      [{ newLocks: [{ name: 'a', kind: 'rwsem', after: 'b' }] }, 'newLocks.0.after: unknown lock "b"'],
      [{ newLocks: [{ name: 'm', kind: 'mutex', after: 'i_rwsem' }], locks: { write: ['m:shared'] } }, 'locks.write.0: m is a mutex: it is taken exclusive only'],
      [{ locks: { write: ['my_lock:shared'] } }, 'locks.write.0: unknown lock "my_lock"'],
      [{ punch: ['mutex_lock(nope)'] }, 'punch.0: unknown lock "nope"'],
    ];
    for (const [extra, message] of bad) expect(() => resolveVariant({ name: 'x', extends: 'ext4-5.15', ...extra }), message).toThrow(message);
  });

  it('keep the order declared: a path taking one the other way round closes a cycle, printed', () => {
    const v = resolveVariant({
      name: 'x', extends: 'ext4-5.15', newLocks: [{ name: 'seq_lock', kind: 'mutex', after: 'invalidate_lock' }],
      punch: ['inode_lock', 'mutex_lock(seq_lock)', 'filemap_invalidate_lock', 'truncate_pagecache_range', 'ext4_journal_start', 'ext4_ext_remove_space',
        'ext4_journal_stop', 'filemap_invalidate_unlock', 'mutex_unlock(seq_lock)', 'inode_unlock'],
    });
    const problem = variantProblem(v);
    expect(problem?.problem).toContain('seq_lock -> invalidate_lock (held from punch.1, taken at punch.2)');
    expect(problem?.problem).toContain('invalidate_lock -> seq_lock (held from the kernel\'s lock order, taken at the lock order newLocks.0 declares)');
    const fine = resolveVariant({ ...v, extends: 'ext4-5.15', newLocks: [{ name: 'seq_lock', kind: 'mutex', after: 'i_rwsem' }], name: 'y', locks: {} });
    expect(variantProblem(fine)).toBeNull();
  });
});
