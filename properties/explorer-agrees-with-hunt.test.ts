import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../src/claims/claim';
import { readExploredMatrix } from '../src/results/explored-matrix';
import { huntCell } from '../src/search/hunt/hunt-cell';
import { builtinVariant } from '../src/variants/resolve-variant';

/**
 * The exhaustive matrix (properties/explored-matrix.json, written by
 * `npm run matrix`) and the hunt must never contradict each other: a cell the
 * explorer proves held, within its bounds, must not be broken by the hunt at
 * those same bounds. Each held cell is hunted with two strategies.
 */
const explored = readExploredMatrix();

const held = explored.cells.filter((c) => c.verdict === 'held');

describe('the explorer and the hunt agree', () => {
  it('the explorer proves ext4-5.15 and ext4-6.15 keep every claim with one block a page, under both mounts', () => {
    for (const v of ['ext4-5.15', 'ext4-6.15']) {
      const fixed = explored.cells.filter((c) => c.variant === v && c.blocksPerPage === 1);
      expect(fixed).toHaveLength(CLAIM_NAMES.length * 2);
      expect(fixed.every((c) => c.verdict === 'held')).toBe(true);
    }
  });

  it('with two blocks a page, 5.15 loses a store after a partial punch and 6.15 does not (17207d0bb209)', () => {
    const cell = (v: string) => explored.cells.find((c) => c.variant === v && c.mount === 'data=writeback' && c.blocksPerPage === 2 && c.claim === 'no-lost-write')!;
    expect(cell('ext4-5.15').verdict).toBe('violated');
    expect(cell('ext4-6.15').verdict).toBe('held');
  });

  it('the explorer finds every older variant breaking something', () => {
    for (const v of ['ext4-3.11', 'patlasov-v1', 'ext4-3.15', 'ext4-4.5', 'ext4-5.10']) {
      expect(explored.cells.some((c) => c.variant === v && c.verdict === 'violated'), v).toBe(true);
    }
  });

  it.each(held.map((c) => [`${c.variant} ${c.mount} ${c.claim} B=${c.blocksPerPage} (${c.states} states)`, c] as const))(
    'held %s: the hunt at the same bounds finds nothing',
    (_label, c) => {
      for (const strategy of ['preemption', 'random'] as const) {
        const r = huntCell(
          {
            variant: builtinVariant(c.variant), claim: c.claim, blocksPerPage: c.blocksPerPage,
            pages: explored.bounds.pages, maxThreads: explored.bounds.threads, mount: [c.mount],
          },
          { strategy, seed: 11, runs: 300, polish: false },
        );
        expect(r.found, r.case ? JSON.stringify(r.case.violation) : '').toBe(false);
      }
    },
  );
});
