import { PTE_READ, T_ARG0 } from '../model/layout';
import { isCached, pageLockBusy, pte, setPte } from '../model/page-cache';
import { ALWAYS, jump, type ProgramBuilder } from './program';
import { emitReadPageIn } from './read-page-in';

/**
 * A read fault on page X (mm/filemap.c filemap_fault): a cached page
 * is mapped, a missing one is read in first. 4.5 - 5.14 hold i_mmap_sem
 * shared across the whole of ext4_filemap_fault; 5.15 takes invalidate_lock
 * shared only to create the page. finish_fault maps the page with its lock
 * held, so it waits for a page being read in; a page truncated meanwhile is
 * looked up again. `arg` is the thread's argument that holds the page.
 */
export function emitFault(b: ProgramBuilder, arg = T_ARG0): void {
  const lookup = b.label('fault-lookup');
  const finish = b.label('finish_fault');

  b.here(lookup);
  b.step('filemap_fault', ALWAYS, (s, t, m) => {
    if (isCached(s, m.layout, s[t + arg])) jump(s, t, finish);
  });
  emitReadPageIn(b, lookup, false, arg);
  b.here(finish);
  b.step('finish_fault', (s, t, m) => !pageLockBusy(s, m.layout, s[t + arg]), (s, t, m) => {
    const p = s[t + arg];
    if (!isCached(s, m.layout, p)) {
      jump(s, t, lookup);
      return;
    }
    if (pte(s, m.layout, p) < PTE_READ) setPte(s, m.layout, p, PTE_READ);
  });
}
