import type { State } from '../model/state';
import { allocBlock } from '../model/allocator';
import { canDownWrite } from '../model/locks';
import { fooDeviceWrite } from '../model/device';
import { convertUnwritten, setFooBlock } from '../model/extents';
import { G, HOLE, type Layout, OWNER_FOO, T_ARG0, T_LOCAL } from '../model/layout';
import { firstBlockOfPage, pageBusy } from '../model/page-cache';
import { threadTag } from '../model/tags';
import { emitFlushPage, invalidateCleanPage } from './flush-page';
import { ALWAYS, ProgramBuilder } from './program';
import type { Program } from '../model/program';

/**
 * Direct I/O write of page X's blocks (3.13 - 4.4 fs/ext4/inode.c
 * ext4_ext_direct_IO; 5.10 - 5.15 fs/ext4/file.c ext4_dio_write_iter): under
 * i_rwsem exclusive, flush and invalidate the cached page, inode_dio_begin,
 * map the blocks under i_data_sem (a hole gets an unwritten extent); the inode lock is
 * dropped with the I/O in flight (AIO), so the device write lands later, in
 * the block mapped then. Completion converts the unwritten extents,
 * invalidates the page again and ends the DIO. A punch that skips inode_dio_wait can free the block in between
 * (fstests generic/300).
 */
export function dioWriteProgram(): Program {
  const b = new ProgramBuilder('dioWrite');
  const pageFree = (s: State, t: number, L: Layout) => !pageBusy(s, L, s[t + T_ARG0]);
  emitFlushPage(b);
  b.step('invalidate_inode_pages2_range', (s, t, m) => pageFree(s, t, m.layout), (s, t, m) => {
    invalidateCleanPage(s, m.layout, s[t + T_ARG0]);
  });
  b.step('inode_dio_begin', ALWAYS, (s) => {
    s[G.DIO_COUNT]++;
  });
  b.step('ext4_map_blocks', (s) => canDownWrite(s, G.I_DATA_SEM), (s, t, m) => {
    const L = m.layout;
    const first = firstBlockOfPage(L, s[t + T_ARG0]);
    for (let i = 0; i < L.blocksPerPage; i++) {
      let blk = s[L.fooMap + first + i];
      if (blk === HOLE) {
        blk = allocBlock(s, L, OWNER_FOO);
        if (blk >= 0) setFooBlock(s, L, first + i, blk, true);
      }
      s[t + T_LOCAL + i] = blk;
    }
  });
  b.step('submit_bio', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const thread = L.threadIndex(t);
    for (let i = 0; i < L.blocksPerPage; i++) {
      const blk = s[t + T_LOCAL + i];
      if (blk >= 0) fooDeviceWrite(s, m, blk, threadTag(thread), thread);
    }
  });
  b.step('ext4_convert_unwritten_extents', (s) => canDownWrite(s, G.I_DATA_SEM), (s, t, m) => {
    const L = m.layout;
    const first = firstBlockOfPage(L, s[t + T_ARG0]);
    for (let i = 0; i < L.blocksPerPage; i++) {
      convertUnwritten(s, L, first + i, s[t + T_LOCAL + i]);
      s[t + T_LOCAL + i] = 0; // read no more: cleared, so as not to tell apart states that are alike
    }
  });
  b.step('invalidate_inode_pages2_range', (s, t, m) => pageFree(s, t, m.layout), (s, t, m) => {
    invalidateCleanPage(s, m.layout, s[t + T_ARG0]);
  });
  b.step('inode_dio_end', ALWAYS, (s) => {
    s[G.DIO_COUNT]--;
  });
  return b.build();
}
