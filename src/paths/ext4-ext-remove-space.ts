import { freeBlock } from '../model/allocator';
import { canDownWrite, downWrite, upWrite } from '../model/locks';
import { setFooBlock } from '../model/extents';
import { G, HOLE, T_ARG0, T_ARG1 } from '../model/layout';
import { ALWAYS, type ProgramBuilder } from './program';

/**
 * RM (kernel-facts.md): down_write(i_data_sem), discard preallocations (none
 * are modelled), remove the extents of the range, freeing their blocks,
 * up_write(i_data_sem). Nobody can look a block up while i_data_sem is held.
 */
export function emitExt4ExtRemoveSpace(b: ProgramBuilder): void {
  b.step('down_write(i_data_sem)', (s) => canDownWrite(s, G.I_DATA_SEM), (s) => downWrite(s, G.I_DATA_SEM));
  b.step('ext4_ext_remove_space', ALWAYS, (s, t, m) => {
    const L = m.layout;
    for (let lblk = s[t + T_ARG0]; lblk < s[t + T_ARG1]; lblk++) {
      const blk = s[L.fooMap + lblk];
      if (blk === HOLE) continue;
      setFooBlock(s, L, lblk, HOLE, false);
      freeBlock(s, L, blk, m.reuse);
    }
  });
  b.step('up_write(i_data_sem)', ALWAYS, (s) => upWrite(s, G.I_DATA_SEM));
}
