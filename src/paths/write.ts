import { canDownRead } from '../model/locks';
import { G, PG_DIRTY, PG_LOCKED, PG_UPTODATE, PTE_READ, T_ARG0, T_ARG1 } from '../model/layout';
import { clearFlags, insertPage, isCached, pageLockBusy, pte, setFlags, setPageData } from '../model/page-cache';
import { threadTag } from '../model/tags';
import type { State } from '../model/state';
import type { Layout } from '../model/layout';
import { emitFault } from './fault';
import { mapUnmappedBuffers } from './map-for-write';
import { ALWAYS, jump, ProgramBuilder } from './program';
import type { Program } from '../model/program';

/**
 * Buffered write(2) of a whole page X (fs/ext4/inode.c ext4_da_write_begin
 * and ext4_da_write_end, from ext4_file_write_iter): under i_rwsem exclusive, find or create the page and lock it,
 * map only its unmapped buffers, copy the data in, mark it dirty, unlock.
 * The copy, the dirtying and the unlock happen under the page lock and are
 * one step (ext4_da_write_end).
 *
 * `fromFoo`: the user's buffer is a mapping of foo's page Y (T_ARG1; fstests
 * generic/248 writes from a mapping of the file itself). 5.15 mm/filemap.c
 * generic_perform_write (3.13: iov_iter_fault_in_readable) first faults
 * the buffer in, a read fault on Y (src/paths/fault.ts), with i_rwsem
 * held; then write_begin locks X and copy_page_from_iter_atomic copies with
 * page faults disabled, so a buffer the punch unmapped since the fault-in
 * copies nothing: write_end unlocks X having copied nothing and the write
 * goes back to fault the buffer in again (`goto again`). The data copied is
 * still the write's own tag: the model follows the locks and the page
 * cache the buffer goes through, not its contents.
 */
export function writeProgram(fromFoo = false): Program {
  const b = new ProgramBuilder('write');
  const faultIn = fromFoo ? b.label('fault_in_iov_iter_readable') : null;
  if (faultIn !== null) {
    b.here(faultIn);
    // Touches the buffer: where the page is not mapped, a fault. A step of its own, so that a region from the start
    // of write(2) (paths/region-in-program.ts) begins before the fault's own sites, as the kernel nests them.
    b.step('fault_in_iov_iter_readable', ALWAYS, () => {});
    emitFault(b, T_ARG1);
  }
  b.step('grab_cache_page_write_begin', (s, t, m) => !pageLockBusy(s, m.layout, s[t + T_ARG0]), (s, t, m) => {
    const p = s[t + T_ARG0];
    if (isCached(s, m.layout, p)) setFlags(s, m.layout, p, PG_LOCKED);
    else insertPage(s, m.layout, p);
  });
  b.step('ext4_da_get_block_prep', (s) => canDownRead(s, G.I_DATA_SEM), (s, t, m) => {
    mapUnmappedBuffers(s, m.layout, s[t + T_ARG0]);
  });
  b.step('ext4_da_write_end', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const p = s[t + T_ARG0];
    if (faultIn !== null && !bufferMapped(s, L, s[t + T_ARG1])) {
      clearFlags(s, L, p, PG_LOCKED); // copied nothing: the page is left as it was
      jump(s, t, faultIn);
      return;
    }
    const tag = threadTag(L.threadIndex(t));
    for (let i = 0; i < L.blocksPerPage; i++) setPageData(s, L, p, i, tag);
    setFlags(s, L, p, PG_UPTODATE | PG_DIRTY);
    clearFlags(s, L, p, PG_LOCKED);
  });
  return b.build();
}

/** Can an atomic copy from foo's page `y` through the user's mapping succeed: is the page there, and mapped? */
function bufferMapped(s: State, L: Layout, y: number): boolean {
  return isCached(s, L, y) && pte(s, L, y) >= PTE_READ;
}
