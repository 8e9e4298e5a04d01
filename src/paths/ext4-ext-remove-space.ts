import { freeBlock } from '../model/allocator';
import { canDownWrite } from '../model/locks';
import { dropLock, takeLock } from '../model/lock-ownership';
import { setFooBlock } from '../model/extents';
import { G, HOLE, type Layout, T_ARG0, T_ARG1 } from '../model/layout';
import type { State } from '../model/state';
import { ALWAYS, jump, type ProgramBuilder } from './program';
import { emitRestartHandle } from './punch-handle';

/**
 * RM (3.13 - 5.15 fs/ext4/extents.c ext4_ext_remove_space
 * and ext4_ext_rm_leaf): down_write(i_data_sem), then the range's extents
 * are removed from the end backwards, one extent a step, each freeing its
 * blocks (ext4_remove_blocks → ext4_free_blocks). Between two extents the
 * handle may run out of credits: ext4_truncate_restart_trans (3.x, 4.x) or
 * ext4_datasem_ensure_credits (5.x) drops i_data_sem, restarts the handle
 * (so the transaction holding the blocks freed so far can commit) and takes
 * i_data_sem again, and the walk starts again from the end of the range.
 * The model restarts between every two extents: a kernel short of credits
 * does, and a run in which nothing else moves during the restart is the run
 * without it, so no interleaving is lost. Then up_write(i_data_sem).
 * Preallocations are not modelled.
 */
export function emitExt4ExtRemoveSpace(b: ProgramBuilder): void {
  const leaf = b.label('ext4_ext_rm_leaf');
  const done = b.label('rm-done');
  b.step('down_write(i_data_sem)', (s) => canDownWrite(s, G.I_DATA_SEM), (s, t, m) => takeLock(s, m, t, G.I_DATA_SEM, 'exclusive'));
  b.here(leaf);
  b.step('ext4_ext_rm_leaf', ALWAYS, (s, t, m) => {
    const L = m.layout;
    const last = lastMappedBlock(s, L, s[t + T_ARG0], s[t + T_ARG1]);
    if (last >= 0) {
      for (const lblk of extentEndingAt(s, L, s[t + T_ARG0], last)) {
        const blk = s[L.fooMap + lblk];
        setFooBlock(s, L, lblk, HOLE, false);
        freeBlock(s, L, blk, m.mount);
      }
    }
    if (lastMappedBlock(s, L, s[t + T_ARG0], s[t + T_ARG1]) < 0) jump(s, t, done);
  });
  b.step('up_write(i_data_sem)', ALWAYS, (s, t, m) => dropLock(s, m, t, G.I_DATA_SEM, 'exclusive', 'up_write(i_data_sem)'));
  emitRestartHandle(b);
  b.step('down_write(i_data_sem)', (s) => canDownWrite(s, G.I_DATA_SEM), (s, t, m) => {
    takeLock(s, m, t, G.I_DATA_SEM, 'exclusive');
    jump(s, t, leaf);
  });
  b.here(done);
  b.step('up_write(i_data_sem)', ALWAYS, (s, t, m) => dropLock(s, m, t, G.I_DATA_SEM, 'exclusive', 'up_write(i_data_sem)'));
}

/** The last logical block in [start, end) that maps a block, or -1. */
function lastMappedBlock(s: State, L: Layout, start: number, end: number): number {
  for (let lblk = end - 1; lblk >= start; lblk--) if (s[L.fooMap + lblk] !== HOLE) return lblk;
  return -1;
}

/**
 * The logical blocks of the extent that ends at `last`, within the range:
 * backwards while the blocks are physically contiguous and alike in being
 * written or unwritten (ext4 merges such neighbours into one extent).
 */
function extentEndingAt(s: State, L: Layout, start: number, last: number): number[] {
  const out = [last];
  for (let lblk = last - 1; lblk >= start; lblk--) {
    const next = lblk + 1;
    const contiguous = s[L.fooMap + lblk] !== HOLE && s[L.fooMap + lblk] === s[L.fooMap + next] - 1;
    if (!contiguous || s[L.fooUnwritten + lblk] !== s[L.fooUnwritten + next]) break;
    out.push(lblk);
  }
  return out;
}
