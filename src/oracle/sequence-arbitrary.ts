import fc from 'fast-check';
import { FILE_LAYOUTS } from '../model/file-layout';
import { MAX_PAGES, MAX_THREADS } from '../model/geometry';
import { isOrdered } from '../model/mount';
import { CONCURRENT_OPS } from '../model/ops';
import { CACHE_STATES } from '../run/scenario';
import type { OpSequence, OracleMount, SequenceOp } from './op-sequence';

/**
 * Sequences for one geometry and mount: foo of one to four pages, its
 * layout and page cache, a block range to punch, up to four more
 * operations on foo's pages or bar's blocks, where the punch falls among
 * them, and (data=ordered) where a journal commit falls, if anywhere.
 * Every choice is a plain number or list mapped into range, so that
 * fast-check shrinks each one on its own towards the simplest: fewer
 * operations, page 0, one page, the first layout and cache state, the
 * punch first, no commit.
 */
export function sequenceArbitrary(blocksPerPage: 1 | 2, mount: OracleMount): fc.Arbitrary<OpSequence> {
  const rawOp = fc.record({ op: fc.constantFrom(...CONCURRENT_OPS), page: fc.nat({ max: MAX_PAGES - 1 }), count: fc.nat({ max: MAX_PAGES - 1 }) });
  return fc
    .record({
      pages: fc.integer({ min: 1, max: MAX_PAGES }),
      layout: fc.constantFrom(...FILE_LAYOUTS),
      cache: fc.array(fc.constantFrom(...CACHE_STATES), { minLength: MAX_PAGES, maxLength: MAX_PAGES }),
      punchStart: fc.nat(),
      punchLength: fc.nat(),
      ops: fc.array(rawOp, { maxLength: MAX_THREADS - 1 }),
      punchAt: fc.nat(),
      commitAt: isOrdered(mount.data) ? fc.option(fc.nat(), { nil: null }) : fc.constant(null),
      flush: fc.constantFrom('sync_file_range' as const, 'fsync' as const),
    })
    .map((r) => {
      const blocks = r.pages * blocksPerPage;
      const start = r.punchStart % blocks;
      let bar = 0;
      const ops: SequenceOp[] = r.ops.map((o) => {
        if (o.op === 'barWrite') return { op: o.op, block: bar++ };
        const page = o.page % r.pages;
        return o.op === 'readahead' ? { op: o.op, page, count: 1 + (o.count % (r.pages - page)) } : { op: o.op, page };
      });
      ops.splice(r.punchAt % (ops.length + 1), 0, { op: 'punch' });
      if (r.commitAt !== null) ops.splice(r.commitAt % (ops.length + 1), 0, { op: 'commit' });
      return {
        blocksPerPage,
        mount,
        pages: r.pages,
        layout: r.layout,
        cache: r.cache.slice(0, r.pages),
        punch: { start, length: 1 + (r.punchLength % (blocks - start)) },
        ops,
        flush: r.flush,
      };
    });
}
