import type { ClaimName } from '../../claims/claim';
import type { Mount } from '../../model/mount';
import type { ConcurrentOp } from '../../model/ops';
import type { Variant } from '../../variants/variant';

/** One cell of a hunt, with everything a worker needs to hunt it alone. */
export interface PlannedCell {
  readonly variant: Variant;
  readonly claim: ClaimName;
  readonly blocksPerPage: 1 | 2;
  /** The cell's mount, as the one-element list the scenario arbitrary draws from. */
  readonly mount: readonly [Mount];
  readonly ops: readonly ConcurrentOp[];
  /** foo has 1 to this many pages (the arbitrary's default when absent). */
  readonly pages?: number;
  /** Up to this many threads beside the punch (the arbitrary's default when absent). */
  readonly maxThreads?: number;
  /** Writes may be from a mapping of foo (the arbitrary's userBuffers). */
  readonly userBuffers?: boolean;
  /** The cell's own seed, from the hunt's seed and the cell's name alone. */
  readonly seed: number;
}

export interface HuntPlanInput {
  readonly variants: readonly Variant[];
  readonly claims: readonly ClaimName[];
  readonly geometries: ReadonlyArray<1 | 2>;
  readonly mounts: readonly Mount[];
  readonly ops: readonly ConcurrentOp[];
  readonly pages?: number;
  readonly maxThreads?: number;
  readonly userBuffers?: boolean;
  readonly seed: number;
}

/**
 * Every cell, variant by variant, mount by mount, geometry by geometry,
 * claim by claim. A cell's seed depends on the hunt's seed and the cell's
 * name, not on its place in the list, so a cell hunts the same whether it
 * is hunted alone, among all, or on another machine's shard.
 */
export function planHunt(p: HuntPlanInput): PlannedCell[] {
  const cells: PlannedCell[] = [];
  for (const variant of p.variants) {
    for (const mount of p.mounts) {
      for (const blocksPerPage of p.geometries) {
        for (const claim of p.claims) {
          const seed = cellSeed(p.seed, `${variant.name}/${mount}/${claim}/${blocksPerPage}`);
          cells.push({ variant, claim, blocksPerPage, mount: [mount], ops: p.ops, pages: p.pages, maxThreads: p.maxThreads, userBuffers: p.userBuffers, seed });
        }
      }
    }
  }
  return cells;
}

/** A cell's row: its variant, mount and geometry. A hunt's leads pass between the cells of a row (hunt-passes.ts). */
export function rowOf(c: PlannedCell): string {
  return `${c.variant.name} ${c.mount[0]} ${c.blocksPerPage}`;
}

/**
 * Shard i of n (1-based): every n-th row (variant, mount and geometry) from the
 * i-th, each with all its cells. Whole rows, because a hunt's exhaustive runs
 * give leads to the other cells of their row: a shard that held half a row
 * would lose the leads from the other half, and shards 1/n..n/n would find
 * less than one machine. The shards of one plan are disjoint and together
 * are the plan; a shard beyond the number of rows is empty.
 */
export function shardOf(cells: readonly PlannedCell[], shard: { index: number; count: number }): PlannedCell[] {
  const rows = [...new Set(cells.map(rowOf))];
  return cells.filter((c) => rows.indexOf(rowOf(c)) % shard.count === shard.index - 1);
}

/** FNV-1a of the name, mixed with the seed: a 31-bit seed for fast-check. */
function cellSeed(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}
