import type { Mount } from '../../model/mount';
import type { Scenario } from '../../run/scenario';

/**
 * Plainer versions of a scenario, simplest first: on one page, with foo
 * contiguous on disk, under data=writeback (when the cell allows it: its
 * mounts), and their combinations. The hill-climb of neighbourhood-shortest.ts
 * only takes a strictly shorter neighbour, so a race found on two pages or
 * a fragmented file would stay there even when the same race runs as short
 * in the plainer scenario (the explorer's bounds, and the easier read). The
 * polish takes one of these when it breaks the claim in no more steps.
 */
export function simplerScenarios(sc: Scenario, mounts: readonly Mount[]): Scenario[] {
  const changes: Array<(x: Scenario) => Scenario | null> = [
    onFirstPunchedPage,
    (x) => (x.layout === 'contiguous' ? null : { ...x, layout: 'contiguous' }),
    (x) => (x.mount !== 'data=writeback' && mounts.includes('data=writeback') ? { ...x, mount: 'data=writeback' } : null),
  ];
  // Every combination of the changes that apply, the ones making more changes first.
  const out: Scenario[] = [];
  const popcount = (m: number) => m.toString(2).replace(/0/g, '').length;
  const masks = Array.from({ length: (1 << changes.length) - 1 }, (_, k) => k + 1).sort((a, b) => popcount(b) - popcount(a) || a - b);
  for (const mask of masks) {
    let x: Scenario | null = sc;
    for (let k = 0; k < changes.length && x !== null; k++) if ((mask & (1 << k)) !== 0) x = changes[k](x);
    if (x !== null) out.push(x);
  }
  return out;
}

/**
 * The scenario folded onto one page: the page where the punch starts, with
 * its cache state and the punch's blocks in it; every thread works on that
 * page (a readahead reads just it). Null for a one-page scenario.
 */
function onFirstPunchedPage(sc: Scenario): Scenario | null {
  if (sc.pages === 1) return null;
  const b = sc.blocksPerPage;
  const page = Math.floor(sc.punch.start / b);
  const start = sc.punch.start - page * b;
  const punch = { start, length: Math.min(sc.punch.length, b - start) };
  const threads = sc.threads.map((t) => {
    if (t.page === undefined) return t;
    return t.op === 'readahead' ? { ...t, page: 0, count: 1 } : { ...t, page: 0 };
  });
  return { ...sc, pages: 1, cache: [sc.cache[page]], punch, threads };
}
