import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/claims/index';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { initialState, modelFor } from '../../src/run/initial-state';
import type { Scenario } from '../../src/run/scenario';
import { fewThreadShortest } from '../../src/search/minimise/few-thread-shortest';
import { neighbourhoodShortest } from '../../src/search/minimise/neighbourhood-shortest';
import { polishCase } from '../../src/search/minimise/polish-case';
import { shortestSchedule } from '../../src/search/kernel/shortest-schedule';
import { simplerScenarios } from '../../src/search/minimise/simpler-scenarios';
import { builtinVariant } from '../../src/variants/resolve-variant';

/** The shortest breaking schedule of one scenario (breadth-first). */
function shortest(sc: Scenario, claim: keyof typeof CLAIMS): number[] {
  const m = modelFor(sc, builtinVariant(sc.variant));
  const r = shortestSchedule(m, initialState(m, sc), CLAIMS[claim]);
  if (r.verdict !== 'violated') throw new Error(`${sc.variant} does not break ${claim}`);
  return r.schedule;
}

// Local minima the hunt met (seeds of `npm run bench`), each with the explorer's shortest length (MATRIX.md).

/** 4.5, two blocks a page: a direct read, writeback and a mmap write show stale data in 32 steps; two reads do in 18. */
const threeThreads: Scenario = {
  variant: 'ext4-4.5', blocksPerPage: 2, pages: 1, mount: 'data=writeback', layout: 'contiguous', cache: ['clean'], punch: { start: 0, length: 1 },
  threads: [{ op: 'dioRead', page: 0 }, { op: 'writeback', page: 0 }, { op: 'mmapWrite', page: 0 }],
};

/** patlasov-v1, two blocks a page: with read(2) the race needs the whole page punched (29); a direct read's, one block (27). */
const wholePagePunched: Scenario = {
  variant: 'patlasov-v1', blocksPerPage: 2, pages: 1, mount: 'data=writeback', layout: 'contiguous', cache: ['clean'], punch: { start: 0, length: 2 },
  threads: [{ op: 'read', page: 0 }, { op: 'mmapWrite', page: 0 }, { op: 'writeback', page: 0 }],
};

/** 3.11, one block a page: bar's write and a read on page 1 of two, data=ordered (19, with jbd2's commit); on one page, data=writeback, 15. */
const twoPagesAfterCommit: Scenario = {
  variant: 'ext4-3.11', blocksPerPage: 1, pages: 2, mount: 'data=ordered', layout: 'contiguous', cache: ['none', 'none'], punch: { start: 1, length: 1 },
  threads: [{ op: 'barWrite' }, { op: 'read', page: 1 }],
};

const cellOf = (sc: Scenario, claim: keyof typeof CLAIMS) => ({ variant: builtinVariant(sc.variant), claim, blocksPerPage: sc.blocksPerPage, ops: CONCURRENT_OPS });

describe('the polish reaches the explorer\'s shortest from a local minimum of the hill-climb', () => {
  it('a two-thread race with none of the found threads: the climb stays at 32, the two-thread family finds 18', () => {
    const found = shortest(threeThreads, 'no-stale-data-after-fallocate');
    expect(found).toHaveLength(32);
    const climbed = neighbourhoodShortest(builtinVariant('ext4-4.5'), 'no-stale-data-after-fallocate', threeThreads, found, CONCURRENT_OPS, { wide: true });
    expect(climbed.schedule).toHaveLength(32);
    const few = fewThreadShortest(builtinVariant('ext4-4.5'), 'no-stale-data-after-fallocate', 2, 'data=writeback', CONCURRENT_OPS, 3, 32);
    expect(few?.schedule).toHaveLength(18);
    const polished = polishCase(cellOf(threeThreads, 'no-stale-data-after-fallocate'), threeThreads, found);
    expect(polished.schedule).toHaveLength(18);
    expect(polished.shortestSteps).toBe(18);
  });

  it('a thread and the punch to change together: the wide neighbourhood takes 29 to 27', () => {
    const found = shortest(wholePagePunched, 'no-stale-data-after-fallocate');
    expect(found).toHaveLength(29);
    const polished = polishCase(cellOf(wholePagePunched, 'no-stale-data-after-fallocate'), wholePagePunched, found);
    expect(polished.schedule).toHaveLength(27);
    expect(polished.scenario.punch).toEqual({ start: 0, length: 1 });
  });

  it('no shorter race among two threads: the family search says so and the case stays', () => {
    const racy: Scenario = { ...threeThreads, threads: [{ op: 'read', page: 0 }, { op: 'read', page: 0 }], cache: ['none'] };
    expect(shortest(racy, 'no-stale-data-after-fallocate')).toHaveLength(18);
    expect(fewThreadShortest(builtinVariant('ext4-4.5'), 'no-stale-data-after-fallocate', 2, 'data=writeback', CONCURRENT_OPS, 3, 18)).toBeNull();
  });

  it('two pages and data=ordered fold to one page and data=writeback, where the cell allows both', () => {
    const found = shortest(twoPagesAfterCommit, 'no-foreign-data-exposed');
    expect(found).toHaveLength(19);
    const polished = polishCase(cellOf(twoPagesAfterCommit, 'no-foreign-data-exposed'), twoPagesAfterCommit, found);
    expect(polished.schedule).toHaveLength(15);
    expect(polished.scenario.pages).toBe(1);
    expect(polished.scenario.mount).toBe('data=writeback');
  });
});

describe('simpler scenarios', () => {
  it('fold two pages onto the page where the punch starts, threads and readahead with them', () => {
    const sc: Scenario = {
      variant: 'ext4-3.15', blocksPerPage: 2, pages: 2, mount: 'data=ordered', layout: 'contiguous', cache: ['dirty', 'clean'], punch: { start: 3, length: 1 },
      threads: [{ op: 'readahead', page: 0, count: 2 }, { op: 'read', page: 1 }, { op: 'barWrite' }],
    };
    const [both, onePage, immediate] = simplerScenarios(sc, ['data=writeback', 'data=ordered']);
    expect(onePage).toEqual({
      ...sc, pages: 1, cache: ['clean'], punch: { start: 1, length: 1 },
      threads: [{ op: 'readahead', page: 0, count: 1 }, { op: 'read', page: 0 }, { op: 'barWrite' }],
    });
    expect(both).toEqual({ ...onePage, mount: 'data=writeback' });
    expect(immediate).toEqual({ ...sc, mount: 'data=writeback' });
  });

  it('offer nothing for a one-page contiguous scenario under data=writeback, and keep to the mounts allowed', () => {
    expect(simplerScenarios(threeThreads, ['data=writeback', 'data=ordered'])).toEqual([]);
    expect(simplerScenarios({ ...threeThreads, mount: 'data=ordered' }, ['data=ordered'])).toEqual([]);
  });

  it('offer foo contiguous on disk for a fragmented file', () => {
    expect(simplerScenarios({ ...threeThreads, layout: 'hole-first' }, ['data=writeback'])).toEqual([threeThreads]);
  });
});
