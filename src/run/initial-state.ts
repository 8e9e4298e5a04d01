import { Layout, OWNER_FOO, G, HOLE, PG_BUFFERS, PG_CACHED, PG_DIRTY, PG_UPTODATE, T_ARG0, T_ARG1, T_OP } from '../model/layout';
import { firstBlockOfPage, setBuffer, setPageData, evictPage } from '../model/page-cache';
import type { Model } from '../model/model';
import { OP } from '../model/ops';
import { newState, type State } from '../model/state';
import { TAG_FOO_OLD, TAG_FOO_OLD_DIRTY } from '../model/tags';
import { programsFor } from '../paths/programs';
import type { Variant } from '../variants/variant';
import type { Scenario } from './scenario';

/** The model for a scenario: layout, reuse policy, and the variant's programs. */
export function modelFor(sc: Scenario, variant: Variant): Model {
  const layout = new Layout({ blocksPerPage: sc.blocksPerPage, pages: sc.pages }, sc.threads.length + 1);
  return { layout, reuse: sc.reuse, variant, programs: programsFor(variant) };
}

/**
 * The state before any step: foo fully allocated in blocks 0..n-1 and holding
 * its old data, the rest of the device free, the page cache as the scenario
 * says, no lock held, every thread at its first step.
 */
export function initialState(m: Model, sc: Scenario): State {
  const L = m.layout;
  const s = newState(L.size);
  s[G.FOO_SIZE_BLOCKS] = L.fooBlocks;
  for (let b = 0; b < L.deviceBlocks; b++) {
    const foo = b < L.fooBlocks;
    s[L.deviceData + b] = foo ? TAG_FOO_OLD : 0;
    s[L.deviceOwner + b] = foo ? OWNER_FOO : 0;
  }
  for (let l = 0; l < L.fooBlocks; l++) s[L.fooMap + l] = l;
  for (let l = 0; l < L.barBlocks; l++) s[L.barMap + l] = HOLE;
  for (let p = 0; p < L.pages; p++) initialPage(s, L, p, sc.cache[p]);
  const punch = L.thread(0);
  s[punch + T_OP] = OP.punch;
  s[punch + T_ARG0] = sc.punch.start;
  s[punch + T_ARG1] = sc.punch.start + sc.punch.length;
  let barOrdinal = 0;
  sc.threads.forEach((th, k) => {
    const t = L.thread(k + 1);
    s[t + T_OP] = OP[th.op];
    if (th.op === 'barWrite') s[t + T_ARG0] = th.block ?? barOrdinal++;
    else s[t + T_ARG0] = th.page ?? 0;
    if (th.op === 'readahead') s[t + T_ARG1] = th.count ?? 1;
  });
  return s;
}

function initialPage(s: State, L: Layout, p: number, state: Scenario['cache'][number]): void {
  evictPage(s, L, p);
  if (state === 'none') return;
  let flags = PG_CACHED | PG_UPTODATE;
  if (state === 'clean-buffers' || state === 'dirty') flags |= PG_BUFFERS;
  if (state === 'dirty') {
    flags |= PG_DIRTY;
    s[G.INITIALLY_DIRTY_PAGES] |= 1 << p;
  }
  s[L.page(p)] = flags;
  const first = firstBlockOfPage(L, p);
  for (let i = 0; i < L.blocksPerPage; i++) {
    setPageData(s, L, p, i, state === 'dirty' ? TAG_FOO_OLD_DIRTY : TAG_FOO_OLD);
    if (flags & PG_BUFFERS) setBuffer(s, L, p, i, first + i);
  }
}
