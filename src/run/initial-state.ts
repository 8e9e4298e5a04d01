import { BUF_DELAYED, BUF_UNMAPPED, Layout, OWNER_FOO, G, HOLE, PG_BUFFERS, PG_CACHED, PG_DIRTY, PG_UPTODATE, PTE_WRITE, T_ARG0, T_ARG1, T_OP } from '../model/layout';
import { initialBlockMap, isConfused } from '../model/file-layout';
import { firstBlockOfPage, setBuffer, setPageData, setPte, evictPage } from '../model/page-cache';
import type { Model } from '../model/model';
import { OP, READ_INTO_FOO, WRITE_FROM_FOO } from '../model/ops';
import { newState, type State } from '../model/state';
import { TAG_FOO_OLD, TAG_FOO_OLD_DIRTY, TAG_ZERO } from '../model/tags';
import { programsFor } from '../paths/programs';
import { variantLocks } from '../variants/lock-table';
import { counterWord, variantLayout } from '../variants/variant-words';
import { dioreadNolockOn, type Variant } from '../variants/variant';
import { type Scenario, threadCount } from './scenario';
import { isOrdered } from '../model/mount';

/** The model for a scenario: layout, mount policy, and the variant's programs. */
export function modelFor(sc: Scenario, variant: Variant): Model {
  const layout = variantLayout({ blocksPerPage: sc.blocksPerPage, pages: sc.pages }, threadCount(sc), variant);
  return {
    layout, mount: sc.mount, dioreadNolock: dioreadNolockOn(variant, sc.blocksPerPage), locks: variantLocks(variant),
    counters: variant.counters.map((name, k) => ({ name, word: counterWord(variant, k) })), programs: programsFor(variant),
  };
}

/**
 * The state before any step: foo's blocks placed as its layout says and
 * holding its old data, the rest of the device free, the page cache as the
 * scenario says, no lock held, every thread at its first step.
 */
export function initialState(m: Model, sc: Scenario): State {
  const L = m.layout;
  const s = newState(L.size);
  s[G.FOO_SIZE_BLOCKS] = L.fooBlocks;
  const map = initialBlockMap(sc.layout, L.fooBlocks);
  map.forEach((blk, l) => {
    s[L.fooMap + l] = blk;
    if (blk === HOLE) {
      s[G.INITIAL_HOLES] |= 1 << l;
      return;
    }
    s[L.deviceData + blk] = TAG_FOO_OLD;
    s[L.deviceOwner + blk] = OWNER_FOO;
  });
  for (let l = 0; l < L.barBlocks; l++) s[L.barMap + l] = HOLE;
  for (let p = 0; p < L.pages; p++) initialPage(s, L, p, sc.cache[p]);
  const punch = L.thread(0);
  s[punch + T_OP] = OP.punch;
  s[punch + T_ARG0] = sc.punch.start;
  s[punch + T_ARG1] = sc.punch.start + sc.punch.length;
  let barOrdinal = 0;
  sc.threads.forEach((th, k) => {
    const t = L.thread(k + 1);
    s[t + T_OP] = th.buffer !== 'foo' ? OP[th.op] : th.op === 'write' ? WRITE_FROM_FOO : READ_INTO_FOO;
    if (th.op === 'barWrite') s[t + T_ARG0] = th.block ?? barOrdinal++;
    else s[t + T_ARG0] = th.page ?? 0;
    if (th.op === 'readahead') s[t + T_ARG1] = th.count ?? 1;
    if (th.buffer === 'foo') s[t + T_ARG1] = th.bufferPage ?? th.page ?? 0;
  });
  // jbd2's commit thread, last, under data=ordered.
  if (isOrdered(sc.mount)) s[L.thread(sc.threads.length + 1) + T_OP] = OP.jbd2;
  return s;
}

function initialPage(s: State, L: Layout, p: number, state: Scenario['cache'][number]): void {
  evictPage(s, L, p);
  if (state === 'none') return;
  const first = firstBlockOfPage(L, p);
  const dirty = state === 'dirty' || state === 'dirty-mapped';
  const buffers = state !== 'clean' || (L.blocksPerPage > 1 && isConfused(s, L, first));
  let flags = PG_CACHED | PG_UPTODATE;
  if (buffers) flags |= PG_BUFFERS;
  if (dirty) {
    flags |= PG_DIRTY;
    s[G.INITIALLY_DIRTY_PAGES] |= 1 << p;
  }
  s[L.page(p)] = flags;
  if (state === 'dirty-mapped') setPte(s, L, p, PTE_WRITE);
  for (let i = 0; i < L.blocksPerPage; i++) {
    const blk = s[L.fooMap + first + i];
    setPageData(s, L, p, i, dirty ? TAG_FOO_OLD_DIRTY : blk === HOLE ? TAG_ZERO : TAG_FOO_OLD);
    // A dirty page over a hole was written into a delayed allocation; a clean one reads the hole as zeros.
    if (buffers) setBuffer(s, L, p, i, blk !== HOLE ? blk : dirty ? BUF_DELAYED : BUF_UNMAPPED);
  }
}
