import _ from 'lodash';
import { type FileLayout, FILE_LAYOUTS, initialBlockMap } from '../../model/file-layout';
import type { Mount } from '../../model/mount';
import type { ConcurrentOp } from '../../model/ops';
import { CACHE_STATES, type CacheState, type Scenario, type ThreadSpec } from '../../run/scenario';

/** The bounds of a scenario family: everything but the threads' interleaving is enumerated. */
export interface FamilyBounds {
  readonly variant: string;
  readonly blocksPerPage: 1 | 2;
  readonly pages: number;
  readonly mount: Mount;
  readonly ops: readonly ConcurrentOp[];
  /** Up to this many threads beside the punch. */
  readonly threads: number;
  /** foo's layouts on disk; default all three. */
  readonly layouts?: readonly FileLayout[];
  /** Cache states each page may start in; default all of them. */
  readonly caches?: readonly CacheState[];
  /** Only every `count`-th scenario, from the `index`-th (0-based): one shard of the family, for machines that split a proof. */
  readonly shard?: Shard;
  /** Writes from and reads into a mapping of foo too (ThreadSpec.buffer: the buffer faults), of each page; default off. */
  readonly userBuffers?: boolean;
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Every thread the bounds allow: each operation on each page (readahead: each batch). */
export function threadSpecs(b: FamilyBounds): ThreadSpec[] {
  const specs: ThreadSpec[] = [];
  for (const op of b.ops) {
    if (op === 'barWrite') specs.push({ op });
    else if (op === 'readahead') {
      for (let page = 0; page < b.pages; page++) for (let count = 1; page + count <= b.pages; count++) specs.push({ op, page, count });
    } else for (let page = 0; page < b.pages; page++) specs.push({ op, page });
    if ((op === 'write' || op === 'read') && b.userBuffers === true) specs.push(...withBuffersInFoo(op, b.pages));
  }
  return specs;
}

/** write(2) or read(2) of each page with its buffer a mapping of each page of foo (its own page first, as generic/248). */
function withBuffersInFoo(op: 'write' | 'read', pages: number): ThreadSpec[] {
  return _.range(pages).flatMap((page) => _.range(pages).map((q): ThreadSpec => (q === page ? { op, page, buffer: 'foo' } : { op, page, buffer: 'foo', bufferPage: q })));
}

/**
 * Every scenario of the family (or of its shard), fewest threads first: each multiset of up to
 * `threads` thread specs (listed once, in spec order: the order of threads
 * changes only their numbers), each layout of foo on disk, each cache state
 * of each page, each block-aligned punch range.
 */
export function* familyScenarios(b: FamilyBounds): Generator<Scenario> {
  const specs = threadSpecs(b);
  const caches = cacheCombinations(b.pages, b.caches ?? CACHE_STATES);
  const fooBlocks = b.pages * b.blocksPerPage;
  const layouts = distinctLayouts(b.layouts ?? FILE_LAYOUTS, fooBlocks);
  const shard = b.shard ?? { index: 0, count: 1 };
  let n = 0;
  for (let k = 0; k <= b.threads; k++) {
    for (const pick of multisets(specs.length, k)) {
      const threads = pick.map((i) => specs[i]);
      for (const layout of layouts) {
        for (const cache of caches) {
          for (let start = 0; start < fooBlocks; start++) {
            for (let length = 1; start + length <= fooBlocks; length++) {
              if (n++ % shard.count !== shard.index) continue;
              yield { variant: b.variant, blocksPerPage: b.blocksPerPage, pages: b.pages, mount: b.mount, layout, cache, punch: { start, length }, threads };
            }
          }
        }
      }
    }
  }
}

/** The layouts that place foo's blocks differently (with one block, discontiguous is contiguous). */
function distinctLayouts(layouts: readonly FileLayout[], fooBlocks: number): FileLayout[] {
  return _.uniqBy(layouts, (l) => initialBlockMap(l, fooBlocks).join(','));
}

function cacheCombinations(pages: number, states: readonly CacheState[]): CacheState[][] {
  let out: CacheState[][] = [[]];
  for (let p = 0; p < pages; p++) out = out.flatMap((prefix) => states.map((c) => [...prefix, c]));
  return out;
}

/** Non-decreasing index sequences of length k over 0..n-1. */
function* multisets(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i < n; i++) for (const rest of multisets(n, k - 1, i)) yield [i, ...rest];
}
