import { HOLE, type Layout } from './layout';
import { readableBlock } from './extents';
import type { State } from './state';

/**
 * foo's layout on disk when a scenario starts (a starting point the
 * scenario chooses): a real file is not always one contiguous run, and the
 * layout decides whether a read attaches buffers to a page.
 *
 * - contiguous: logical block l in physical block l;
 * - discontiguous: the blocks in reverse order (l in n-1-l), so no two
 *   neighbours of a page, or of two pages, sit next to each other on disk;
 * - hole-first: block 0 is a hole (a sparse file, or an earlier punch), the
 *   rest contiguous from physical block 0.
 */
export const FILE_LAYOUTS = ['contiguous', 'discontiguous', 'hole-first'] as const;
export type FileLayout = (typeof FILE_LAYOUTS)[number];

/** foo's block map for a layout: the physical block of each logical block, or HOLE. */
export function initialBlockMap(layout: FileLayout, fooBlocks: number): number[] {
  return Array.from({ length: fooBlocks }, (_, l) => {
    if (layout === 'discontiguous') return fooBlocks - 1 - l;
    if (layout === 'hole-first') return l === 0 ? HOLE : l - 1;
    return l;
  });
}

/**
 * Would mpage (3.x do_mpage_readpage; 4.x and 5.x ext4_mpage_readpages)
 * give up on this page and read it through block_read_full_page, which
 * attaches buffers? Only with more than one block a page, when a mapped
 * block follows a hole or two mapped blocks are not contiguous on disk
 * (a page that already has buffers is the third case, for the caller). An
 * unwritten extent reads as a hole. A page mapped up to a hole at its end,
 * or all holes, is read without buffers.
 */
export function isConfused(s: State, L: Layout, firstLblk: number): boolean {
  return blocksConfused(L.blocksPerPage, (i) => readableBlock(s, L, firstLblk + i));
}

/**
 * A page's `count` blocks, in order, as `blockAt` looks them up: confused
 * when a mapped block follows a hole or its predecessor's block is not the
 * one before it. A getter, not an array: reads and faults ask this on every
 * page they read.
 */
export function blocksConfused(count: number, blockAt: (i: number) => number): boolean {
  let sawHole = false;
  let prev = HOLE;
  for (let i = 0; i < count; i++) {
    const blk = blockAt(i);
    if (blk === HOLE) {
      sawHole = true;
      continue;
    }
    if (sawHole || (prev !== HOLE && blk !== prev + 1)) return true;
    prev = blk;
  }
  return false;
}
