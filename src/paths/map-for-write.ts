import { BUF_DELAYED, BUF_UNMAPPED, HOLE, type Layout, PG_BUFFERS } from '../model/layout';
import { buffer, firstBlockOfPage, hasFlag, setBuffer, setFlags } from '../model/page-cache';
import type { State } from '../model/state';

/**
 * __block_write_begin with ext4_da_get_block_prep, as write(2) and
 * page_mkwrite use it (fs/buffer.c, fs/ext4/inode.c): create buffers if the page has none,
 * then look up only the buffers that are not already mapped; an extent gives
 * its block, a hole gives a delayed allocation. A buffer that is already
 * mapped is trusted as it is: this is how a stale mapping survives.
 * With `everyBuffer` (a variant's mkwriteLookup 'every-buffer') every
 * buffer is looked up again.
 */
export function mapUnmappedBuffers(s: State, L: Layout, p: number, everyBuffer = false): void {
  if (!hasFlag(s, L, p, PG_BUFFERS)) {
    setFlags(s, L, p, PG_BUFFERS);
    for (let i = 0; i < L.blocksPerPage; i++) setBuffer(s, L, p, i, BUF_UNMAPPED);
  }
  const first = firstBlockOfPage(L, p);
  for (let i = 0; i < L.blocksPerPage; i++) {
    if (buffer(s, L, p, i) !== BUF_UNMAPPED && !everyBuffer) continue;
    const blk = s[L.fooMap + first + i];
    setBuffer(s, L, p, i, blk === HOLE ? BUF_DELAYED : blk);
  }
}
