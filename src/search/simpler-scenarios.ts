import type { ReusePolicy } from '../model/allocator';
import type { Scenario } from '../run/scenario';

/**
 * Plainer versions of a scenario, simplest first: on one page, under
 * immediate reuse, or both. The hill-climb of neighbourhood-shortest.ts
 * only takes a strictly shorter neighbour, so a race found on two pages or
 * under after-commit reuse would stay there even when the same race runs
 * as short on one page with immediate reuse (the explorer's bounds, and
 * the easier read). The polish takes one of these when it breaks the claim
 * in no more steps.
 */
export function simplerScenarios(sc: Scenario, reuse: readonly ReusePolicy[]): Scenario[] {
  const out: Scenario[] = [];
  const immediate = sc.reuse !== 'immediate' && reuse.includes('immediate') ? { ...sc, reuse: 'immediate' as const } : null;
  const onePage = onFirstPunchedPage(sc);
  if (onePage !== null && immediate !== null) out.push({ ...onePage, reuse: 'immediate' });
  if (onePage !== null) out.push(onePage);
  if (immediate !== null) out.push(immediate);
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
