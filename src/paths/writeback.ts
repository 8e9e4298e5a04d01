import { canDownWrite } from '../model/locks';
import { canStartHandle, startHandle, stopHandle } from '../model/journal';
import { G, PG_LOCKED, PG_WRITEBACK, T_ARG0, T_LOCAL } from '../model/layout';
import { clearFlags, pageBusy, setFlags } from '../model/page-cache';
import type { State } from '../model/state';
import type { Variant } from '../variants/variant';
import { ALWAYS, jump, ProgramBuilder } from './program';
import type { Program } from '../model/program';
import { allocateDelayed, cleanPage, isDirty, needsAllocation, writeMappedBuffers } from './write-out-page';

/** Whether the writeback thread holds a journal handle now. */
const HOLDS_HANDLE = T_LOCAL;

/**
 * Writeback of foo's page X (fs/ext4/inode.c ext4_writepages in 3.13 - 5.15): the journal handle is
 * started before the page is locked (transaction start ranks above the page
 * lock); then lock the page, set writeback, clear dirty (making user
 * mappings read-only); allocate blocks for delayed buffers under i_data_sem
 * exclusive; stop the handle; then the device write, to the blocks the
 * buffers already name, with no lookup; then end writeback and unlock. Up
 * to 4.4 every pass starts a handle, even for a page that needs no block
 * (`writebackHandle: "always"`); 5.10 and later first write out the pages
 * that need none without a handle and start one only to allocate
 * (`"when-allocating"`). A page that is not dirty (or not cached) is skipped.
 */
export function writebackProgram(v: Variant): Program {
  const b = new ProgramBuilder('writeback');
  const withHandle = b.label('with-handle');
  const submit = b.label('submit');
  if (v.writebackHandle === 'when-allocating') {
    // The first pass, without a handle: a page that needs a block is left for the second.
    b.step('mpage_prepare_extent_to_map', (s, t, m) => !pageBusy(s, m.layout, s[t + T_ARG0]), (s, t, m) => {
      const L = m.layout;
      const p = s[t + T_ARG0];
      if (!isDirty(s, L, p)) jump(s, t, b.end);
      else if (needsAllocation(s, L, p)) jump(s, t, withHandle);
      else {
        startWriteback(s, L, p);
        jump(s, t, submit);
      }
    });
  }
  b.here(withHandle);
  b.step('ext4_journal_start', (s) => canStartHandle(s), (s, t) => {
    startHandle(s);
    s[t + HOLDS_HANDLE] = 1;
  });
  const stopThenSkip = b.label('stop-then-skip');
  b.step('clear_page_dirty_for_io', (s, t, m) => !pageBusy(s, m.layout, s[t + T_ARG0]), (s, t, m) => {
    const L = m.layout;
    const p = s[t + T_ARG0];
    if (!isDirty(s, L, p)) {
      jump(s, t, stopThenSkip);
      return;
    }
    const allocate = needsAllocation(s, L, p);
    startWriteback(s, L, p);
    if (!allocate) jump(s, t, stop);
  });
  b.step('ext4_map_blocks', (s) => canDownWrite(s, G.I_DATA_SEM), (s, t, m) => {
    allocateDelayed(s, m, s[t + T_ARG0]);
  });
  const stop = b.label('stop');
  b.here(stop);
  b.step('ext4_journal_stop', ALWAYS, (s, t) => stopWritebackHandle(s, t));
  b.here(submit);
  b.step('submit_bio', ALWAYS, (s, t, m) => {
    writeMappedBuffers(s, m, s[t + T_ARG0], m.layout.threadIndex(t));
  });
  b.step('end_page_writeback', ALWAYS, (s, t, m) => {
    clearFlags(s, m.layout, s[t + T_ARG0], PG_WRITEBACK | PG_LOCKED);
  });
  b.outOfLine(() => {
    b.here(stopThenSkip);
    b.step('ext4_journal_stop', ALWAYS, (s, t) => {
      stopWritebackHandle(s, t);
      jump(s, t, b.end);
    });
  });
  return b.build();
}

/** Lock the page, set writeback, clear dirty (clear_page_dirty_for_io write-protects the user mappings). */
function startWriteback(s: State, L: Parameters<typeof cleanPage>[1], p: number): void {
  setFlags(s, L, p, PG_LOCKED | PG_WRITEBACK);
  cleanPage(s, L, p);
}

function stopWritebackHandle(s: State, t: number): void {
  if (s[t + HOLDS_HANDLE] === 0) return;
  stopHandle(s);
  s[t + HOLDS_HANDLE] = 0;
}
