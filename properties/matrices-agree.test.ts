import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExpectedMatrix } from '../src/results/expected-matrix';
import { readExploredMatrix } from '../src/results/explored-matrix';

/**
 * The hunt's matrix (results/expected-matrix.json, `npm run discover`)
 * and the explorer's (results/explored-matrix.json and results/MATRIX.md,
 * `npm run matrix`) must tell the same story: every cell the explorer breaks,
 * the hunt breaks; a cell the hunt breaks that the explorer proves held must
 * have been broken by a scenario outside the explorer's bounds; and within
 * those bounds no hunted case is shorter than the explorer's shortest.
 */
const expected = readExpectedMatrix();
const explored = readExploredMatrix();
const key = (c: { variant: string; mount: string; claim: string; blocksPerPage: number }) => `${c.variant} ${c.mount} ${c.claim} B=${c.blocksPerPage}`;
const hunted = new Map(expected.cells.map((c) => [key(c), c]));

/** Is the case's scenario one the explorer's family of that cell holds? (Every cell's scenarios have the cell's mount.) */
function withinBounds(casePath: string): boolean {
  const sc = JSON.parse(readFileSync(casePath, 'utf8')).scenario as { pages: number; threads: unknown[] };
  return sc.pages <= explored.bounds.pages && sc.threads.length <= explored.bounds.threads;
}

describe('the hunt and the explorer agree', () => {
  it('cover the same cells', () => {
    expect(explored.cells.map(key).sort()).toEqual(expected.cells.map(key).sort());
  });

  it.each(explored.cells.map((c) => [key(c), c] as const))('%s', (_k, e) => {
    const h = hunted.get(key(e))!;
    if (e.verdict === 'violated') expect(h.verdict).toBe('violated');
    if (h.verdict === 'violated' && e.verdict === 'held') expect(withinBounds(h.case!)).toBe(false);
    // An incomplete family proves nothing: a hunted race inside its bounds is simply beyond where the explorer stopped.
    if (h.verdict === 'violated' && e.verdict === 'violated' && withinBounds(h.case!)) expect(h.steps!).toBeGreaterThanOrEqual(e.shortestSteps!);
  });
});
