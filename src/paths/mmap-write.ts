import { canDownRead } from '../model/locks';
import { G, PG_DIRTY, PG_LOCKED, PG_UPTODATE, PTE_WRITE, T_ARG0 } from '../model/layout';
import { clearFlags, isCached, pageLockBusy, pte, setFlags, setPageData, setPte } from '../model/page-cache';
import { threadTag } from '../model/tags';
import type { Variant } from '../variants/variant';
import { emitFault } from './fault';
import { mapUnmappedBuffers } from './map-for-write';
import { ALWAYS, jump, type Label, ProgramBuilder } from './program';
import type { Program } from '../model/program';

/**
 * A store through a shared writable mapping of page X (mm/memory.c
 * do_shared_fault and wp_page_shared, fs/ext4/inode.c ext4_page_mkwrite). If X's page-table entry is already writable, the store
 * lands in the page with no fault and nothing else happens (mm/memory.c
 * handle_pte_fault: only a write to a read-only or missing entry faults,
 * and page_mkwrite runs only from such a fault). Otherwise fault the page
 * in, then ext4_page_mkwrite locks it, maps only the buffers not already (every buffer, with mkwriteLookup 'every-buffer')
 * mapped, marks it dirty and maps it writable, and the store lands. A page
 * truncated before page_mkwrite locks it is faulted again
 * (VM_FAULT_NOPAGE); a store that finds its mapping zapped or
 * write-protected by writeback faults again.
 */
export function mmapWriteProgram(v: Variant): Program {
  const b = new ProgramBuilder('mmapWrite');
  const fault = b.label('fault');
  const everyBuffer = v.mkwriteLookup === 'every-buffer';

  emitUserStore(b, fault);
  b.here(fault);
  emitFault(b);
  b.step('lock_page', (s, t, m) => !pageLockBusy(s, m.layout, s[t + T_ARG0]), (s, t, m) => {
    const p = s[t + T_ARG0];
    if (!isCached(s, m.layout, p)) {
      jump(s, t, fault);
      return;
    }
    setFlags(s, m.layout, p, PG_LOCKED);
  });
  b.step('ext4_da_get_block_prep', (s) => canDownRead(s, G.I_DATA_SEM), (s, t, m) => {
    mapUnmappedBuffers(s, m.layout, s[t + T_ARG0], everyBuffer);
  });
  b.step('set_page_dirty', ALWAYS, (s, t, m) => {
    const p = s[t + T_ARG0];
    setFlags(s, m.layout, p, PG_DIRTY | PG_UPTODATE);
    setPte(s, m.layout, p, PTE_WRITE);
    clearFlags(s, m.layout, p, PG_LOCKED);
  });
  emitUserStore(b, fault);
  return b.build();
}

/** The user's store: it lands in the page through a writable entry and the thread is done; else it faults. */
function emitUserStore(b: ProgramBuilder, fault: Label): void {
  b.step('user_store', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const p = s[t + T_ARG0];
    if (!isCached(s, L, p) || pte(s, L, p) !== PTE_WRITE) {
      jump(s, t, fault);
      return;
    }
    const tag = threadTag(L.threadIndex(t));
    for (let i = 0; i < L.blocksPerPage; i++) setPageData(s, L, p, i, tag);
    jump(s, t, b.end);
  });
}
