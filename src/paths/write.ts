import { canDownRead } from '../model/locks';
import { G, PG_DIRTY, PG_LOCKED, PG_UPTODATE, T_ARG0 } from '../model/layout';
import { clearFlags, insertPage, isCached, pageLockBusy, setFlags, setPageData } from '../model/page-cache';
import { threadTag } from '../model/tags';
import { mapUnmappedBuffers } from './map-for-write';
import { ALWAYS, ProgramBuilder } from './program';
import type { Program } from '../model/program';

/**
 * Buffered write(2) of a whole page X (fs/ext4/inode.c ext4_da_write_begin
 * and ext4_da_write_end, from ext4_file_write_iter): under i_rwsem exclusive, find or create the page and lock it,
 * map only its unmapped buffers, copy the data in, mark it dirty, unlock.
 * The copy, the dirtying and the unlock happen under the page lock and are
 * one step (ext4_da_write_end).
 */
export function writeProgram(): Program {
  const b = new ProgramBuilder('write');
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
    const tag = threadTag(L.threadIndex(t));
    for (let i = 0; i < L.blocksPerPage; i++) setPageData(s, L, p, i, tag);
    setFlags(s, L, p, PG_UPTODATE | PG_DIRTY);
    clearFlags(s, L, p, PG_LOCKED);
  });
  return b.build();
}
