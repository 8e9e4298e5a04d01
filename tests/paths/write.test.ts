import { describe, expect, it } from 'vitest';
import { PG_DIRTY, PG_LOCKED } from '../../src/model/layout';
import { hasFlag } from '../../src/model/page-cache';
import { isFinished, takeStep } from '../../src/model/step';
import { parseScenario } from '../../src/run/scenario';
import { resolveVariant } from '../../src/variants/resolve-variant';
import { exact, names, scenario, setup, times } from '../helpers';

describe('write(2)', () => {
  it('takes i_rwsem exclusive, creates and locks the page, maps its buffers, copies, dirties, unlocks', () => {
    const r = exact(scenario({ variant: 'ext4-3.11', threads: [{ op: 'write', page: 1 }] }), times(1, 5));
    expect(names(r, 1)).toEqual([
      'inode_lock', 'grab_cache_page_write_begin', 'ext4_da_get_block_prep', 'ext4_da_write_end', 'inode_unlock',
    ]);
    expect(r.trace[2].changes).toEqual(['page 1 +buffers', 'page 1 buffer 0 -> block 2', 'page 1 buffer 1 -> block 3']);
    expect(r.trace[3].changes).toContain('page 1 +uptodate +dirty -locked');
  });

  it('keeps buffers that are already mapped', () => {
    const sc = scenario({ variant: 'ext4-3.11', cache: ['none', 'clean-buffers'], threads: [{ op: 'write', page: 1 }] });
    const r = exact(sc, times(1, 5));
    expect(r.trace[2].changes).toEqual([]);
  });

  it('waits for a locked page', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'read', page: 1 }, { op: 'write', page: 1 }] });
    expect(() => exact(sc, [1, 1, 2, 2])).toThrow(/schedule.3: thread 2 cannot take a step/);
  });
});

describe('writeback', () => {
  it('writes a mapped buffer straight to its cached block, with no lookup', () => {
    const sc = scenario({ variant: 'ext4-3.11', cache: ['none', 'dirty'], threads: [{ op: 'writeback', page: 1 }] });
    const r = exact(sc, times(1, 5));
    expect(names(r, 1)).toEqual(['ext4_journal_start', 'clear_page_dirty_for_io', 'ext4_journal_stop', 'submit_bio', 'end_page_writeback']);
    expect(r.trace[3].changes).toEqual([
      "device write block 2: foo's old dirty data", "device write block 3: foo's old dirty data",
    ]);
  });

  it('allocates blocks for delayed buffers under i_data_sem first', () => {
    const sc = scenario({ variant: 'ext4-3.11', blocksPerPage: 1, threads: [{ op: 'write', page: 0 }, { op: 'writeback', page: 0 }] });
    const r = exact(sc, [...times(0, 10), ...times(1, 5), ...times(2, 6)]);
    expect(names(r, 2)).toEqual(['ext4_journal_start', 'clear_page_dirty_for_io', 'ext4_map_blocks', 'ext4_journal_stop', 'submit_bio', 'end_page_writeback']);
    const alloc = r.trace.find((e) => e.thread === 2 && e.name === 'ext4_map_blocks');
    expect(alloc?.changes).toEqual(['block 0 allocated to foo', 'foo extent 0: hole -> block 0', 'page 0 buffer 0 -> block 0']);
  });

  it('skips a page that is not dirty', () => {
    const r = exact(scenario({ cache: ['clean', 'none'], threads: [{ op: 'writeback', page: 0 }] }), [1]);
    expect(names(r, 1)).toEqual(['mpage_prepare_extent_to_map']);
    expect(r.trace[0].changes).toEqual([]);
  });
});

describe('write(2) from a mapping of foo (buffer "foo")', () => {
  it('faults its buffer in with i_rwsem held, before it locks the page it writes (generic_perform_write)', () => {
    const sc = scenario({ variant: 'ext4-4.5', blocksPerPage: 1, pages: 2, threads: [{ op: 'write', page: 1, buffer: 'foo', bufferPage: 0 }] });
    const r = exact(sc, times(1, 14));
    expect(names(r, 1)).toEqual([
      'inode_lock', 'fault_in_iov_iter_readable',
      'down_read(i_mmap_sem)', 'filemap_fault', 'add_to_page_cache_lru', 'ext4_map_blocks', 'submit_bio', 'page_endio', 'finish_fault', 'up_read(i_mmap_sem)',
      'grab_cache_page_write_begin', 'ext4_da_get_block_prep', 'ext4_da_write_end', 'inode_unlock',
    ]);
    expect(r.trace[8].changes).toContain('page 0 mapped read-only');
    expect(r.trace[12].changes).toContain('page 1 +uptodate +dirty -locked');
  });

  it('copies nothing and faults the buffer in again when the punch unmapped it since (copy_page_from_iter_atomic, goto again)', () => {
    // Only a write that does not hold i_rwsem can meet a punch between its fault-in and its copy.
    const unlocked = resolveVariant({ name: 'unlocked-write', extends: 'ext4-3.15', locks: { write: [] } });
    const sc = scenario({ variant: 'ext4-3.15', blocksPerPage: 1, pages: 2, threads: [{ op: 'write', page: 1, buffer: 'foo', bufferPage: 0 }] });
    const { m, s0 } = setup(sc, unlocked);
    const s = s0.slice();
    const taken = (t: number, n: number) => Array.from({ length: n }, () => takeStep(s, m, t).name);
    expect(taken(1, 7).at(-1)).toBe('finish_fault');
    while (!isFinished(s, m, 0)) takeStep(s, m, 0); // the punch truncates page 0, zapping the buffer's mapping
    expect(taken(1, 4)).toEqual(['grab_cache_page_write_begin', 'ext4_da_get_block_prep', 'ext4_da_write_end', 'fault_in_iov_iter_readable']);
    expect(hasFlag(s, m.layout, 1, PG_DIRTY)).toBe(false);
    expect(hasFlag(s, m.layout, 1, PG_LOCKED)).toBe(false);
  });

  it('is a write and read option only, of a page foo has', () => {
    const base = { variant: 'ext4-5.15', blocksPerPage: 1, pages: 1, mount: 'data=writeback', cache: ['none'], punch: { start: 0, length: 1 } };
    const problem = (threads: unknown[]) => { try { parseScenario({ ...base, threads }); return null; } catch (e) { return (e as Error).message; } };
    expect(problem([{ op: 'write', page: 0, buffer: 'foo' }])).toBeNull();
    expect(problem([{ op: 'read', page: 0, buffer: 'foo' }])).toBeNull();
    expect(problem([{ op: 'mmapRead', page: 0, buffer: 'foo' }])).toBe('threads.0.buffer: only write and read take a buffer, not mmapRead');
    expect(problem([{ op: 'write', page: 0, bufferPage: 0 }])).toBe('threads.0.bufferPage: needs "buffer": "foo"');
    expect(problem([{ op: 'write', page: 0, buffer: 'foo', bufferPage: 1 }])).toBe('threads.0.bufferPage: page 1 is past foo\'s 1 pages');
    expect(problem([{ op: 'write', page: 0, buffer: 'bar' }])).toBe('threads.0.buffer: must be "foo"');
  });
});
