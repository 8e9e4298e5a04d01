import { PG_LOCKED, PG_UPTODATE, T_ARG0, T_ARG1, T_LOCAL } from '../model/layout';
import { hasFlag, isCached, pageLockBusy } from '../model/page-cache';
import { copyPageToUser } from './copy-to-user';
import { emitFault } from './fault';
import { ALWAYS, jump, ProgramBuilder } from './program';
import type { Program } from '../model/program';
import { emitReadPageIn } from './read-page-in';

/**
 * Buffered read(2) of one page (mm/filemap.c: 3.13 do_generic_file_read,
 * 5.15 filemap_read).
 * A hit on an uptodate page copies it out; a miss inserts the page, maps its
 * blocks, reads them and copies; a page found locked (being read in) is
 * waited for. 5.15 takes invalidate_lock shared on the miss and the wait.
 *
 * `intoFoo`: the user's buffer is a mapping of foo's page Y (T_ARG1).
 * copy_page_to_iter copies with page faults enabled and no page lock held
 * (5.15 filemap_read; 3.13 do_generic_file_read through file_read_actor,
 * whose __copy_to_user follows a failed atomic try), so the copy faults the
 * buffer in (src/paths/fault.ts) after the page is found, then ends the
 * read (raw_copy_to_user). The data the read returns is still the page's
 * at the lookup, as for any read here.
 */
export function readProgram(intoFoo = false): Program {
  const b = new ProgramBuilder('read');
  const lookup = b.label('lookup');
  const update = b.label('update');
  const copyOut = intoFoo ? b.label('copy_to_user') : b.end;

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
    jump(s, t, copyOut);
  });
  emitReadPageIn(b, lookup, true);
  b.step('copy_page_to_iter', ALWAYS, (s, t, m) => {
    // The page reference the read holds keeps the data it read in.
    for (let i = 0; i < m.layout.blocksPerPage; i++) s[t + m.layout.threadResult + i] = s[t + T_LOCAL + 2 + i];
    jump(s, t, copyOut);
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
  if (intoFoo) {
    b.here(copyOut);
    emitFault(b, T_ARG1);
    // The copy itself, once the buffer is mapped: a step of its own, so that a region to the end of read(2)
    // (paths/region-in-program.ts) ends after the fault's own sites, as the kernel nests them.
    b.step('raw_copy_to_user', ALWAYS, () => {});
  }
  return b.build();
}
