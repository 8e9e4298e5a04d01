import fc from 'fast-check';
import { FILE_LAYOUTS } from '../model/file-layout';
import { MOUNTS, type Mount } from '../model/mount';
import { MAX_PAGES, MAX_THREADS } from '../model/geometry';
import { CONCURRENT_OPS, type ConcurrentOp } from '../model/ops';
import { CACHE_STATES, type Scenario, type ThreadSpec } from '../run/scenario';

export interface ScenarioConstraints {
  readonly variant: string;
  readonly blocksPerPage: 1 | 2;
  /** foo has 1 to this many pages; default 2. */
  readonly pages?: number;
  /** Reuse policies to draw from; default both. */
  readonly mount?: readonly Mount[];
  /** Operations the concurrent threads may run; default all. */
  readonly ops?: readonly ConcurrentOp[];
  /** At most this many threads beside the punch, 0 to 4; default 4. */
  readonly maxThreads?: number;
  /** At least this many threads beside the punch; default 0. */
  readonly minThreads?: number;
  /** Sets of operations of which the scenario must run at least one each (a claim's needs, src/claims). */
  readonly necessary?: ReadonlyArray<readonly ConcurrentOp[]>;
  /** Writes and reads may have their buffer in a mapping of foo (ThreadSpec.buffer), one in four; default off. */
  readonly userBuffers?: boolean;
}

/**
 * Scenarios for one variant and geometry: foo's size in pages, the mount
 * policy, what each page holds, a block-aligned punch range, and up to four
 * threads with their pages. Every choice lists its simplest option first
 * (one page, no cache, immediate mount, fewer threads), which is where
 * fast-check shrinks to. A one-page file is drawn three times in four: the
 * small-scope hypothesis (Jackson), and the explorer finds every race of
 * the matrix in one page, where a scenario has far fewer shapes to draw.
 * Immediate mount is drawn three times in four too (mountArbitrary).
 * Threads work on a page the punch touches three times in four, since that
 * is where the races are; one thread of each necessary set is always drawn,
 * at a random place among the others.
 */
export function scenarioArbitrary(c: ScenarioConstraints): fc.Arbitrary<Scenario> {
  const maxPages = c.pages ?? 2;
  const ops = c.ops ?? CONCURRENT_OPS;
  const mount = c.mount ?? MOUNTS;
  const maxThreads = c.maxThreads ?? MAX_THREADS - 1;
  const necessary = (c.necessary ?? []).map((set) => set.filter((op) => ops.includes(op)));
  checkConstraints(c, maxPages, ops, mount, maxThreads);
  if (necessary.some((set) => set.length === 0)) throw new RangeError('scenarioArbitrary: ops leave out every operation of a necessary set');
  if (necessary.length > maxThreads) throw new RangeError(`scenarioArbitrary: ${necessary.length} necessary threads do not fit in maxThreads ${maxThreads}`);
  const pagesArb = maxPages === 1 ? fc.constant(1) : fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: maxPages }) });
  return pagesArb.chain((pages) => scenariosOfSize(c, pages, ops, mount, maxThreads, necessary));
}

function scenariosOfSize(
  c: ScenarioConstraints, pages: number, ops: readonly ConcurrentOp[], mount: readonly Mount[], maxThreads: number,
  necessary: ReadonlyArray<readonly ConcurrentOp[]>,
): fc.Arbitrary<Scenario> {
  const fooBlocks = pages * c.blocksPerPage;
  const punchArb = fc
    .nat({ max: fooBlocks - 1 })
    .chain((start) => fc.integer({ min: 1, max: fooBlocks - start }).map((length) => ({ start, length })));
  return punchArb.chain((punch) => {
    const first = Math.floor(punch.start / c.blocksPerPage);
    const last = Math.floor((punch.start + punch.length - 1) / c.blocksPerPage);
    const page = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: first, max: last }) }, { weight: 1, arbitrary: fc.nat({ max: pages - 1 }) });
    return mountArbitrary(mount).chain((policy) => {
      const drawn = ops;
      const must = fc.tuple(...necessary.map((set) => threadArbitrary(set, pages, page, c.userBuffers === true)));
      const minOthers = Math.max(0, (c.minThreads ?? 0) - necessary.length);
      const others = fc.array(threadArbitrary(drawn, pages, page, c.userBuffers === true), { minLength: minOthers, maxLength: maxThreads - necessary.length });
      return fc.record({
        variant: fc.constant(c.variant),
        blocksPerPage: fc.constant(c.blocksPerPage),
        pages: fc.constant(pages),
        mount: fc.constant(policy),
        layout: fc.constantFrom(...FILE_LAYOUTS),
        cache: fc.array(fc.constantFrom(...CACHE_STATES), { minLength: pages, maxLength: pages }),
        punch: fc.constant(punch),
        threads: fc.tuple(must, others).chain(([m, o]) => interleave(m, o)),
      });
    });
  });
}

/**
 * Either mount, as the hunt was asked. data=ordered costs no thread of the
 * scenario's (its journal commit is a system thread), only the
 * interleavings of the commit.
 */
function mountArbitrary(mount: readonly Mount[]): fc.Arbitrary<Mount> {
  return fc.constantFrom(...mount);
}

/** The necessary threads placed at random positions among the others. */
function interleave(must: ThreadSpec[], others: ThreadSpec[]): fc.Arbitrary<ThreadSpec[]> {
  if (must.length === 0) return fc.constant(others);
  return fc.array(fc.nat({ max: others.length }), { minLength: must.length, maxLength: must.length }).map((places) => {
    const out = [...others];
    must.forEach((t, k) => out.splice(Math.min(places[k] + k, out.length), 0, t));
    return out;
  });
}

function threadArbitrary(ops: readonly ConcurrentOp[], pages: number, page: fc.Arbitrary<number>, userBuffers: boolean): fc.Arbitrary<ThreadSpec> {
  return fc.constantFrom(...ops).chain((op): fc.Arbitrary<ThreadSpec> => {
    if (op === 'barWrite') return fc.constant({ op });
    if (op === 'readahead') {
      return fc.nat({ max: pages - 1 }).chain((p) => fc.integer({ min: 1, max: pages - p }).map((count) => ({ op, page: p, count })));
    }
    if ((op === 'write' || op === 'read') && userBuffers) return page.chain((p) => fc.oneof({ weight: 3, arbitrary: fc.constant({ op, page: p }) }, { weight: 1, arbitrary: bufferInFoo(op, p, pages) }));
    return page.map((p) => ({ op, page: p }));
  });
}

/** A write or read of page p with its buffer a mapping of foo: of p itself (generic/248), or of another page. */
function bufferInFoo(op: 'write' | 'read', p: number, pages: number): fc.Arbitrary<ThreadSpec> {
  return fc.nat({ max: pages - 1 }).map((q): ThreadSpec => (q === p ? { op, page: p, buffer: 'foo' } : { op, page: p, buffer: 'foo', bufferPage: q }));
}

function checkConstraints(
  c: ScenarioConstraints, pages: number, ops: readonly string[], mount: readonly string[], maxThreads: number,
): void {
  const fail = (what: string) => {
    throw new RangeError(`scenarioArbitrary: ${what}`);
  };
  if (c.blocksPerPage !== 1 && c.blocksPerPage !== 2) fail(`blocksPerPage must be 1 or 2, got ${String(c.blocksPerPage)}`);
  if (!Number.isInteger(pages) || pages < 1 || pages > MAX_PAGES) fail(`pages must be 1 to ${MAX_PAGES}, got ${pages}`);
  if (!Number.isInteger(maxThreads) || maxThreads < 0 || maxThreads > MAX_THREADS - 1) {
    fail(`maxThreads must be 0 to ${MAX_THREADS - 1}, got ${maxThreads}`);
  }
  const minThreads = c.minThreads ?? 0;
  if (!Number.isInteger(minThreads) || minThreads < 0 || minThreads > maxThreads) fail(`minThreads must be 0 to maxThreads ${maxThreads}, got ${minThreads}`);
  if (ops.length === 0) fail('ops must name at least one operation');
  const unknownOp = ops.find((op) => !(CONCURRENT_OPS as readonly string[]).includes(op));
  if (unknownOp !== undefined) fail(`unknown operation "${unknownOp}" (known: ${CONCURRENT_OPS.join(', ')})`);
  if (mount.length === 0) fail('mount must name at least one policy');
  const unknownReuse = mount.find((r) => !(MOUNTS as readonly string[]).includes(r));
  if (unknownReuse !== undefined) fail(`unknown mount policy "${unknownReuse}"`);
}
