import { PG_LOCKED, PG_UPTODATE, T_ARG0, T_LOCAL } from '../model/layout';
import { hasFlag, isCached, pageLockBusy } from '../model/page-cache';
import { copyPageToUser } from './copy-to-user';
import { ALWAYS, jump, ProgramBuilder } from './program';
import type { Program } from '../model/program';
import { emitReadPageIn } from './read-page-in';

/**
 * Buffered read(2) of one page (mm/filemap.c: 3.13 do_generic_file_read,
 * 5.15 filemap_read).
 * A hit on an uptodate page copies it out; a miss inserts the page, maps its
 * blocks, reads them and copies; a page found locked (being read in) is
 * waited for. 5.15 takes invalidate_lock shared on the miss and the wait.
 */
export function readProgram(): Program {
  const b = new ProgramBuilder('read');
  const lookup = b.label('lookup');
  const update = b.label('update');

  b.here(lookup);
  b.step('filemap_get_pages', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const p = s[t + T_ARG0];
    if (!isCached(s, L, p)) return;
    if (hasFlag(s, L, p, PG_LOCKED) || !hasFlag(s, L, p, PG_UPTODATE)) {
      jump(s, t, update);
      return;
    }
    copyPageToUser(s, L, p, t);
    jump(s, t, b.end);
  });
  emitReadPageIn(b, lookup, true);
  b.step('copy_page_to_iter', ALWAYS, (s, t, m) => {
    // The page reference the read holds keeps the data it read in.
    for (let i = 0; i < m.layout.blocksPerPage; i++) s[t + m.layout.threadResult + i] = s[t + T_LOCAL + 2 + i];
    jump(s, t, b.end);
  });

  b.here(update);
  b.step('filemap_update_page', (s, t, m) => !pageLockBusy(s, m.layout, s[t + T_ARG0]), (s, t, m) => {
    const p = s[t + T_ARG0];
    if (!isCached(s, m.layout, p)) {
      jump(s, t, lookup); // truncated while we waited: AOP_TRUNCATED_PAGE, look up again
      return;
    }
    copyPageToUser(s, m.layout, p, t);
  });
  return b.build();
}
