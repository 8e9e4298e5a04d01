import { allocBlock } from '../model/allocator';
import { barDeviceWrite } from '../model/device';
import { G, OWNER_BAR, T_ARG0, T_LOCAL } from '../model/layout';
import { threadTag } from '../model/tags';
import { ALWAYS, jump, ProgramBuilder } from './program';
import type { Program } from '../model/program';

/**
 * Another file, bar, allocates a block and writes its own data there
 * (a direct write: fs/ext4/mballoc.c ext4_mb_new_blocks, then the bio). bar's own page cache and locks are
 * not modelled: only where its data lands matters. ENOSPC ends the thread.
 * Local L0: the block bar got.
 */
export function barWriteProgram(): Program {
  const b = new ProgramBuilder('barWrite');
  b.step('ext4_mb_new_blocks', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const blk = allocBlock(s, L, OWNER_BAR);
    s[t + T_LOCAL] = blk;
    if (blk < 0) {
      jump(s, t, b.end);
      return;
    }
    const lblk = s[t + T_ARG0];
    s[L.barMap + lblk] = blk;
    if (s[G.BAR_SIZE_BLOCKS] < lblk + 1) s[G.BAR_SIZE_BLOCKS] = lblk + 1;
  });
  b.step('submit_bio', ALWAYS, (s, t, m) => {
    barDeviceWrite(s, m, s[t + T_LOCAL], threadTag(m.layout.threadIndex(t)));
  });
  return b.build();
}
