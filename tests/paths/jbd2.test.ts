import { describe, expect, it } from 'vitest';
import { G, JOURNAL_LOCKED } from '../../src/model/layout';
import { isEnabled, takeStep } from '../../src/model/step';
import { exact, names, scenario, setup, times } from '../helpers';

/**
 * The mount decides when a freed block can be reused, and jbd2 is a system
 * thread of every data=ordered scenario (issue 17, items 1 and 2): 3.13 -
 * 5.15 mballoc.c ext4_free_blocks, fs/jbd2/commit.c and transaction.c.
 * The helper's scenario: two pages of two blocks, foo in blocks 0..3, the
 * first page punched; the ext4-3.11 punch with nothing cached takes ten steps.
 */
describe('freed blocks, the mount and the journal', () => {
  it('data=writeback: bar gets the block the punch just freed, at once', () => {
    const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'barWrite' }] });
    const r = exact(sc, [...times(0, 10), 1, 1]);
    expect(r.trace[10].changes).toEqual(['block 0 allocated to bar', 'bar extent 0: hole -> block 0']);
  });

  it('data=ordered: the freed blocks wait for jbd2 (a thread of its own, after the scenario\'s) to commit', () => {
    const sc = scenario({ variant: 'ext4-3.11', mount: 'data=ordered', threads: [{ op: 'barWrite' }] });
    const before = exact(sc, [...times(0, 10), 1]);
    expect(before.trace[10].changes[0]).toBe('block 4 allocated to bar');
    const after = exact(sc, [...times(0, 10), 2, 2, 1]);
    expect(names(after, 2)).toEqual(['jbd2_journal_commit_transaction', 'jbd2_journal_wait_updates']);
    expect(after.trace[10].changes).toEqual(['transaction locked: new handles wait']);
    expect(after.trace[11].changes).toContain('block 0 freed, awaiting commit -> free');
    expect(after.trace[12].changes[0]).toBe('block 0 allocated to bar');
    expect(after.finished).toBe(true); // jbd2 never finishes, and is not waited for
  });

  it('a commit waits for the punch\'s handle; while it waits, a new handle waits for it', () => {
    const sc = scenario({ variant: 'ext4-3.11', mount: 'data=ordered', threads: [] });
    const { m, s0 } = setup(sc);
    const s = s0.slice();
    for (let k = 0; k < 5; k++) takeStep(s, m, 0); // up to and with ext4_journal_start
    expect(s[G.JOURNAL_HANDLES]).toBe(1);
    takeStep(s, m, 1); // jbd2 locks the transaction
    expect(s[G.JOURNAL_STATE]).toBe(JOURNAL_LOCKED);
    expect(isEnabled(s, m, 1)).toBe(false); // jbd2_journal_wait_updates: the punch's handle is open
    for (let k = 0; k < 4; k++) takeStep(s, m, 0); // RM, and ext4_journal_stop
    expect(s[G.JOURNAL_HANDLES]).toBe(0);
    expect(isEnabled(s, m, 1)).toBe(true);
    // A second punch-like start would now wait: writeback's handle, for one.
    const wb = scenario({ variant: 'ext4-3.11', mount: 'data=ordered', cache: ['none', 'dirty'], threads: [{ op: 'writeback', page: 1 }] });
    const w = setup(wb);
    const ws = w.s0.slice();
    expect(isEnabled(ws, w.m, 2)).toBe(false); // jbd2 has no transaction to commit: nobody started a handle
  });

  it('writeback starts its handle before it locks the page, and a locked transaction holds it off', () => {
    const wb = scenario({ variant: 'ext4-3.11', mount: 'data=ordered', cache: ['none', 'dirty'], threads: [{ op: 'writeback', page: 1 }] });
    const { m, s0 } = setup(wb);
    const s = s0.slice();
    for (let k = 0; k < 5; k++) takeStep(s, m, 0); // the punch holds a handle
    takeStep(s, m, 2); // jbd2 locks the transaction
    expect(isEnabled(s, m, 1)).toBe(false); // writeback's ext4_journal_start waits
    const r = exact(wb, times(1, 5));
    expect(names(r, 1)).toEqual(['ext4_journal_start', 'clear_page_dirty_for_io', 'ext4_journal_stop', 'submit_bio', 'end_page_writeback']);
  });

  it('5.15 writeback takes no handle for a page that needs no block', () => {
    const wb = scenario({ variant: 'ext4-5.15', mount: 'data=ordered', cache: ['none', 'dirty'], threads: [{ op: 'writeback', page: 1 }] });
    const r = exact(wb, times(1, 3));
    expect(names(r, 1)).toEqual(['mpage_prepare_extent_to_map', 'submit_bio', 'end_page_writeback']);
  });

  it('RM removes extent by extent from the end, restarting its handle between two, so the first blocks freed can commit mid-punch', () => {
    // Discontiguous: logical 0..3 in physical 3..0, so the punched page's two blocks are two extents.
    const sc = scenario({ variant: 'ext4-3.11', mount: 'data=ordered', layout: 'discontiguous', threads: [{ op: 'barWrite' }] });
    const punch = exact(sc, times(0, 14));
    expect(names(punch, 0).slice(5)).toEqual([
      'down_write(i_data_sem)', 'ext4_ext_rm_leaf', 'up_write(i_data_sem)', 'jbd2__journal_restart', 'start_this_handle',
      'down_write(i_data_sem)', 'ext4_ext_rm_leaf', 'up_write(i_data_sem)', 'ext4_journal_stop', 'inode_unlock',
    ]);
    expect(punch.trace[6].changes).toContain('block 2 foo -> freed, awaiting commit');
    expect(punch.trace[11].changes).toContain('block 3 foo -> freed, awaiting commit');
    // After the restart's stop, jbd2 commits the first extent's block while the punch waits to start its new handle.
    const mid = exact(sc, [...times(0, 9), 2, 2, 1]);
    expect(mid.trace[11].changes[0]).toBe('block 2 allocated to bar');
    expect(mid.final[G.JOURNAL_HANDLES]).toBe(0);
  });
});
