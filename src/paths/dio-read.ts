import { canDownRead } from '../model/locks';
import { deviceRead } from '../model/device';
import { readableBlock } from '../model/extents';
import { G, HOLE, T_ARG0, T_LOCAL } from '../model/layout';
import { firstBlockOfPage } from '../model/page-cache';
import { ALWAYS, ProgramBuilder } from './program';
import type { Program } from '../model/program';
import { emitFlushPage } from './flush-page';

/**
 * Direct I/O read of page X's blocks (3.13 - 4.4 fs/ext4/inode.c
 * ext4_ext_direct_IO; 5.10 - 5.15 fs/ext4/file.c ext4_dio_read_iter): under
 * the inode lock, flush the page cache over the range, inode_dio_begin, map
 * the blocks under i_data_sem shared; the lock is dropped with the I/O in
 * flight (AIO), and the device read is a later step, reading whatever the
 * block holds then; inode_dio_end completes it.
 */
export function dioReadProgram(): Program {
  const b = new ProgramBuilder('dioRead');
  emitFlushPage(b);
  b.step('inode_dio_begin', ALWAYS, (s) => {
    s[G.DIO_COUNT]++;
  });
  b.step('ext4_map_blocks', (s) => canDownRead(s, G.I_DATA_SEM), (s, t, m) => {
    const first = firstBlockOfPage(m.layout, s[t + T_ARG0]);
    for (let i = 0; i < m.layout.blocksPerPage; i++) s[t + T_LOCAL + i] = readableBlock(s, m.layout, first + i);
  });
  b.step('submit_bio', ALWAYS, (s, t, m) => {
    for (let i = 0; i < m.layout.blocksPerPage; i++) {
      const blk = s[t + T_LOCAL + i];
      s[t + T_LOCAL + i] = 0; // read no more: cleared, so as not to tell apart states that are alike
      s[t + m.layout.threadResult + i] = blk === HOLE ? 0 : deviceRead(s, m.layout, blk);
    }
  });
  b.step('inode_dio_end', ALWAYS, (s) => {
    s[G.DIO_COUNT]--;
  });
  return b.build();
}
