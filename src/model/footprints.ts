/**
 * Footprint bits for the explorer's sleep sets (Step.footprint): what a
 * step and its guard touch besides the thread's own record. Steps whose
 * footprints share no bit commute and cannot enable or disable each other.
 * A step declares one only when every slot it reads or writes is covered;
 * every other step touches anything (FOOTPRINT_ALL), which is always sound.
 */

/** One of the global words (G in layout.ts: the locks, DIO_COUNT, the journal's words), bits 0..15. */
export function wordFootprint(word: number): number {
  if (word > 15) throw new Error(`wordFootprint: global word ${word} has no bit`);
  return 1 << word;
}

/** The device's blocks, their owners (the allocator) and bar's block map and size. */
export const FP_BLOCKS = 1 << 16;

/** foo's block map and its unwritten flags. */
export const FP_FOO_MAP = 1 << 17;
