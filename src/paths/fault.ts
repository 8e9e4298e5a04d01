import { PTE_READ, T_ARG0 } from '../model/layout';
import { isCached, pageLockBusy, pte, setPte } from '../model/page-cache';
import type { Variant } from '../variants/variant';
import { emitAcquire, emitRelease, releaseThen } from './lock-sites';
import { ALWAYS, jump, type ProgramBuilder } from './program';
import { emitReadPageIn } from './read-page-in';

/**
 * A read fault on page X (mm/filemap.c filemap_fault): a cached page
 * is mapped, a missing one is read in first. 4.5 - 5.14 hold i_mmap_sem
 * shared across the whole of ext4_filemap_fault; 5.15 takes invalidate_lock
 * shared only to create the page. finish_fault maps the page with its lock
 * held, so it waits for a page being read in; a page truncated meanwhile is
 * looked up again.
 */
export function emitFault(b: ProgramBuilder, v: Variant): void {
  const whole = v.locks.fault;
  const create = v.locks['fault.create'];
  const lookup = b.label('fault-lookup');
  const finish = b.label('finish_fault');

  emitAcquire(b, v, whole);
  b.here(lookup);
  b.step('filemap_fault', ALWAYS, (s, t, m) => {
    if (isCached(s, m.layout, s[t + T_ARG0])) jump(s, t, finish);
  });
  emitAcquire(b, v, create);
  emitReadPageIn(b, releaseThen(b, v, create, lookup), false);
  emitRelease(b, v, create);
  b.here(finish);
  b.step('finish_fault', (s, t, m) => !pageLockBusy(s, m.layout, s[t + T_ARG0]), (s, t, m) => {
    const p = s[t + T_ARG0];
    if (!isCached(s, m.layout, p)) {
      jump(s, t, lookup);
      return;
    }
    if (pte(s, m.layout, p) < PTE_READ) setPte(s, m.layout, p, PTE_READ);
  });
  emitRelease(b, v, whole);
}
