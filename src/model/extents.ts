import { HOLE, type Layout } from './layout';
import type { State } from './state';

/**
 * foo's extent map, one entry per logical block: a physical block or HOLE,
 * and whether the extent is unwritten. Direct I/O into a hole allocates an
 * unwritten extent and converts it when the I/O completes; until then a read
 * of it returns zeros, never what the reused block held before.
 */
export function fooBlock(s: State, L: Layout, lblk: number): number {
  return s[L.fooMap + lblk];
}

/** The block a read may return data from: HOLE for a hole or an unwritten extent. */
export function readableBlock(s: State, L: Layout, lblk: number): number {
  return s[L.fooUnwritten + lblk] !== 0 ? HOLE : s[L.fooMap + lblk];
}

export function setFooBlock(s: State, L: Layout, lblk: number, blk: number, unwritten: boolean): void {
  s[L.fooMap + lblk] = blk;
  s[L.fooUnwritten + lblk] = unwritten ? 1 : 0;
}

/** End-of-I/O conversion (ext4_convert_unwritten_extents): the extent at lblk, if still blk, is written now. */
export function convertUnwritten(s: State, L: Layout, lblk: number, blk: number): void {
  if (s[L.fooMap + lblk] === blk) s[L.fooUnwritten + lblk] = 0;
}
