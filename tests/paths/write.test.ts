import { describe, expect, it } from 'vitest';
import { exact, names, scenario, times } from '../helpers';

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
