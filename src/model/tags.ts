/**
 * Data tags, as fsx tags every byte with the op that wrote it: a block or a
 * page block holds one small integer saying whose data it is, so bad data
 * names its origin.
 */
export const TAG_ZERO = 0;
/** foo's data on disk before the scenario starts. */
export const TAG_FOO_OLD = 1;
/** foo's data in a page that starts dirty: written before the punch started, not yet on disk. */
export const TAG_FOO_OLD_DIRTY = 2;
/** Thread i writes tag TAG_THREAD_BASE + i. */
export const TAG_THREAD_BASE = 3;

export function threadTag(thread: number): number {
  return TAG_THREAD_BASE + thread;
}

export function tagThread(tag: number): number {
  return tag >= TAG_THREAD_BASE ? tag - TAG_THREAD_BASE : -1;
}
