/**
 * The shape of the simulated world: how many blocks make a page, how many
 * pages foo has, and how many blocks the device holds.
 */
export interface Geometry {
  /** 1: block size equals page size (mpage path); 2: two blocks a page (buffer heads). */
  readonly blocksPerPage: 1 | 2;
  /** Pages of foo; foo is fully allocated at the start, one block after another. */
  readonly pages: number;
}

export const DEFAULT_GEOMETRY: Geometry = { blocksPerPage: 2, pages: 2 };

/** Logical blocks of bar; each barWrite thread allocates and writes one of them. */
export const BAR_BLOCKS = 4;

/** The punch plus at most four concurrent threads. */
export const MAX_THREADS = 5;

/** Pages are few on purpose: the explorer enumerates every state, and races need only one or two pages. */
export const MAX_PAGES = 4;

export function checkGeometry(g: Geometry): void {
  if (g.blocksPerPage !== 1 && g.blocksPerPage !== 2) {
    throw new RangeError(`geometry.blocksPerPage must be 1 or 2, got ${String(g.blocksPerPage)}`);
  }
  if (!Number.isInteger(g.pages) || g.pages < 1 || g.pages > MAX_PAGES) {
    throw new RangeError(`geometry.pages must be an integer from 1 to ${MAX_PAGES}, got ${String(g.pages)}`);
  }
}
