import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario';
import type { Scenario } from '../../src/run/scenario';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { variantProblem } from '../../src/variants/check-variant';
import { loadVariantFile } from '../../src/variants/load-variant-file';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import type { Variant } from '../../src/variants/variant';
import type { ConcurrentOp } from '../../src/model/ops';

/**
 * The naive fixes of examples/naive-fixes, each a file that loads only
 * because it says lockOrderAtLoad "allow", explored to the deadlock it
 * brings, with the era it changes holding the same family.
 */
const deadlock = (v: Variant, userBuffers: boolean) =>
  exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: ['write'], threads: 1, userBuffers, claims: ['no-deadlock'], maxStates: 1_000_000 })[0];

/** no-deadlock over a one-page family of the variant: the cell. */
const family = (v: Variant, blocksPerPage: 1 | 2, mount: 'data=writeback' | 'data=ordered', ops: readonly ConcurrentOp[], threads: number, userBuffers = false) =>
  exploreCells({ variant: v, blocksPerPage, pages: 1, mount, ops, threads, userBuffers, claims: ['no-deadlock'], maxStates: 2_000_000 })[0];

/** The cell's case replays to the same deadlock, at its last step. */
function replays(v: Variant, cell: ReturnType<typeof family>): string | undefined {
  const r = runScenario(cell.case!.scenario as Scenario, cell.case!.schedule, { variant: v, claims: ['no-deadlock'], strict: true });
  expect(r.violation?.step).toBe(cell.shortestSteps);
  return r.violation?.message;
}

/** The load check's message for the file without its lockOrderAtLoad. */
function atLoad(file: string): string | undefined {
  const { lockOrderAtLoad: _allow, ...rest } = JSON.parse(readFileSync(file, 'utf8'));
  return variantProblem(resolveVariant(rest))?.message;
}

describe('naive fixes', () => {
  const file = 'examples/naive-fixes/fault-takes-i_rwsem.json';

  it('(a) page faults taking i_rwsem: write(2) from a mapping of foo deadlocks on itself, in 3 steps, and the case replays', () => {
    const fix = loadVariantFile(file);
    const cell = deadlock(fix, true);
    expect(cell.verdict).toBe('violated');
    expect(cell.shortestSteps).toBe(3);
    const c = cell.case!;
    expect((c.scenario as Scenario).threads).toEqual([{ op: 'write', page: 0, buffer: 'foo' }]);
    const r = runScenario(c.scenario as Scenario, c.schedule, { variant: fix, claims: ['no-deadlock'], strict: true });
    expect(r.violation?.message).toBe('no thread can move: thread 0 in inode_lock, thread 1 in inode_lock_shared');
  });

  it('(a) holds where the write faults nothing in, and 3.15 itself holds with the fault-in, its buffer\'s program in the coverage table', () => {
    const plain = deadlock(loadVariantFile(file), false);
    expect(plain.verdict).toBe('held');
    const era = deadlock(builtinVariant('ext4-3.15'), true);
    expect(era.verdict).toBe('held');
    const rows = (c: typeof era) => c.coverage.map((r) => r.label ?? r.op);
    expect(rows(era)).toEqual(['punch', 'write', 'write (buffer in foo)']);
    expect(rows(plain)).toEqual(['punch', 'write']);
    expect(era.coverage[2].steps.find((st) => st.name === 'fault_in_iov_iter_readable')!.taken).toBeGreaterThan(0);
  });

  it('(a) is a lock-order cycle at load, i_rwsem taken under itself, unless the file allows it', () => {
    expect(atLoad(file)).toBe(
      'locks.fault.0: lock order cycle: i_rwsem -> i_rwsem (held from locks.write.0, taken at locks.fault.0)',
    );
  });

  it('(b) read(2) holding i_mmap_sem across its copy: the copy into a mapping of foo faults, and the fault waits behind the queued punch, in 6 steps', () => {
    const file = 'examples/naive-fixes/read-holds-i_mmap_sem.json';
    const fix = loadVariantFile(file);
    const cell = family(fix, 1, 'data=writeback', ['read'], 1, true);
    expect([cell.verdict, cell.shortestSteps]).toEqual(['violated', 6]);
    expect((cell.case!.scenario as Scenario).threads).toEqual([{ op: 'read', page: 0, buffer: 'foo' }]);
    expect(replays(fix, cell)).toBe('no thread can move: thread 0 in down_write(i_mmap_sem), thread 1 in down_read(i_mmap_sem)');
    expect(family(fix, 1, 'data=writeback', ['read'], 1, false).verdict).toBe('held');
    expect(family(builtinVariant('ext4-4.5'), 1, 'data=writeback', ['read'], 1, true).verdict).toBe('held');
    expect(atLoad(file)).toBe('locks.fault.0: lock order cycle: i_mmap_sem -> i_mmap_sem (held from regions.0.locks.0, taken at locks.fault.0)');
  });

  it('(c) readahead taking i_mmap_sem under the page lock: the punch holds i_mmap_sem and waits for that page, in 7 steps', () => {
    const file = 'examples/naive-fixes/readahead-under-page-lock.json';
    const fix = loadVariantFile(file);
    const cell = family(fix, 1, 'data=writeback', ['readahead'], 1);
    expect([cell.verdict, cell.shortestSteps]).toEqual(['violated', 7]);
    expect(replays(fix, cell)).toBe('no thread can move: thread 0 in truncate_inode_pages_range, thread 1 in down_read(i_mmap_sem)');
    expect(family(builtinVariant('ext4-4.5'), 1, 'data=writeback', ['readahead'], 1).verdict).toBe('held');
    expect(atLoad(file)).toMatch(/^punch.4: lock order cycle: i_mmap_sem -> page_lock .*; page_lock -> i_mmap_sem \(held from add_to_page_cache_lru in readahead, taken at regions.0.locks.0\)$/);
  });

  it('(d) the punch starting its handle under i_data_sem: a cycle through the journal with writeback, in 16 steps', () => {
    const file = 'examples/naive-fixes/punch-holds-i_data_sem.json';
    const fix = loadVariantFile(file);
    const cell = family(fix, 2, 'data=ordered', ['write', 'writeback'], 2);
    expect([cell.verdict, cell.shortestSteps]).toEqual(['violated', 16]);
    expect(replays(fix, cell)).toBe('no thread can move: thread 0 in ext4_journal_start, thread 2 in ext4_map_blocks');
    expect(family(builtinVariant('ext4-5.15'), 2, 'data=ordered', ['write', 'writeback'], 2).verdict).toBe('held');
    expect(atLoad(file)).toMatch(/^punch.6: lock order cycle: i_data_sem -> jbd2_handle/);
  });
});
