import { canDownWrite } from '../model/locks';
import { G, PG_LOCKED, PG_WRITEBACK, T_ARG0 } from '../model/layout';
import { clearFlags, pageBusy, setFlags } from '../model/page-cache';
import type { Variant } from '../variants/variant';
import { emitAcquire, emitRelease, releaseThen } from './lock-sites';
import { ALWAYS, jump, type Program, ProgramBuilder } from './program';
import { allocateDelayed, cleanPage, isDirty, needsAllocation, writeMappedBuffers } from './write-out-page';

/**
 * Writeback of foo's page X (kernel-facts.md, "Writeback of foo"): lock the
 * page, set writeback, clear dirty; allocate blocks for delayed buffers under
 * i_data_sem exclusive; the device write, to the blocks the buffers already
 * name, with no lookup; then end writeback and unlock. A page that is not
 * dirty (or not cached) is skipped.
 */
export function writebackProgram(v: Variant): Program {
  const b = new ProgramBuilder('writeback');
  const site = v.locks.writeback;
  const submit = b.label('submit');
  emitAcquire(b, site);
  const skip = releaseThen(b, site, b.end);
  b.step('clear_page_dirty_for_io', (s, t, m) => !pageBusy(s, m.layout, s[t + T_ARG0]), (s, t, m) => {
    const L = m.layout;
    const p = s[t + T_ARG0];
    if (!isDirty(s, L, p)) {
      jump(s, t, skip);
      return;
    }
    setFlags(s, L, p, PG_LOCKED | PG_WRITEBACK);
    cleanPage(s, L, p);
    if (!needsAllocation(s, L, p)) jump(s, t, submit);
  });
  b.step('ext4_map_blocks', (s) => canDownWrite(s, G.I_DATA_SEM), (s, t, m) => {
    allocateDelayed(s, m, s[t + T_ARG0]);
  });
  b.here(submit);
  b.step('submit_bio', ALWAYS, (s, t, m) => {
    writeMappedBuffers(s, m, s[t + T_ARG0], m.layout.threadIndex(t));
  });
  b.step('end_page_writeback', ALWAYS, (s, t, m) => {
    clearFlags(s, m.layout, s[t + T_ARG0], PG_WRITEBACK | PG_LOCKED);
  });
  emitRelease(b, site);
  return b.build();
}
