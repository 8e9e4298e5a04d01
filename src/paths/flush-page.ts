import { canDownWrite } from '../model/locks';
import { G, type Layout, T_ARG0 } from '../model/layout';
import { evictPage, isCached, pageBusy } from '../model/page-cache';
import type { State } from '../model/state';
import type { ProgramBuilder } from './program';
import { isDirty, needsAllocation, writeOutPageNow } from './write-out-page';

/** filemap_write_and_wait_range would sleep on this page: locked, under writeback, or needing i_data_sem. */
export function flushBlocked(s: State, L: Layout, p: number): boolean {
  return pageBusy(s, L, p) || (isDirty(s, L, p) && needsAllocation(s, L, p) && !canDownWrite(s, G.I_DATA_SEM));
}

/** filemap_write_and_wait_range over the thread's page, as direct I/O does before it maps. */
export function emitFlushPage(b: ProgramBuilder): void {
  b.step('filemap_write_and_wait_range', (s, t, m) => !flushBlocked(s, m.layout, s[t + T_ARG0]), (s, t, m) => {
    writeOutPageNow(s, m, s[t + T_ARG0], m.layout.threadIndex(t));
  });
}

/** invalidate_inode_pages2_range over the thread's page: drop it if cached and clean. */
export function invalidateCleanPage(s: State, L: Layout, p: number): void {
  if (isCached(s, L, p) && !isDirty(s, L, p)) evictPage(s, L, p);
}
