import { OWNER_BAR, OWNER_FOO, OWNER_FREE, PG_BUFFERS, PG_CACHED } from '../model/layout';
import type { Model } from '../model/model';
import { buffer, pageFlags } from '../model/page-cache';
import type { State } from '../model/state';
import { isFinished } from '../model/step';
import { type History, sinceStep, type Claim } from './claim';

/**
 * no-page-maps-freed-block: no cached page of foo holds a buffer mapped to a
 * block that is free, freed awaiting commit, or owned by bar. It checks
 * buffer heads only: a page without buffers (the mpage path) maps nothing,
 * so stale data in such a page is left to the data claims.
 */
export function noPageMapsFreedBlock(s: State, m: Model, history?: History): string | null {
  const L = m.layout;
  for (let p = 0; p < L.pages; p++) {
    if ((pageFlags(s, L, p) & (PG_CACHED | PG_BUFFERS)) !== (PG_CACHED | PG_BUFFERS)) continue;
    for (let i = 0; i < L.blocksPerPage; i++) {
      const blk = buffer(s, L, p, i);
      if (blk < 0) continue;
      const owner = s[L.deviceOwner + blk];
      if (owner === OWNER_FOO) continue;
      const what =
        owner === OWNER_BAR ? `owned by bar${sinceStep(history, blk)}`
        : owner === OWNER_FREE ? `free${sinceStep(history, blk)}`
        : `freed${sinceStep(history, blk)} (reusable after the commit)`;
      return `page ${p} of foo keeps buffer ${i} mapped to block ${blk}, which is ${what}`;
    }
  }
  return null;
}

/** no-page-maps-freed-block: no cached page of foo holds a buffer mapped to a block foo no longer owns. */
export const NO_PAGE_MAPS_FREED_BLOCK: Claim = {
  name: 'no-page-maps-freed-block',
  doc: 'no cached page of foo holds a buffer mapped to a block foo no longer owns',
  check: noPageMapsFreedBlock,
  needs: [],
  evidence: { what: 'the punch returned', seen: (s, m) => isFinished(s, m, 0) },
};
