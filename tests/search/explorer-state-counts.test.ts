import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { builtinVariant } from '../../src/variants/resolve-variant';

/**
 * Optimisation must not change what the explorer explores: the distinct
 * states, transitions and verdicts of small families are pinned here; the
 * matrix's own counts are in MATRIX.md and properties/explored-matrix.json.
 * Pinned with symmetry off, so that every interleaving's states are counted.
 */
describe('explorer state counts are pinned', () => {
  it.each([
    ['ext4-5.15', 'data=writeback', 1, 2, 166267],
    ['ext4-3.11', 'data=writeback', 2, 1, null],
    ['ext4-3.11', 'data=ordered', 2, 1, null],
  ] as const)('%s, %s, %i block(s) a page, %i thread(s)', (variant, mount, blocksPerPage, threads, pinned) => {
    const cells = exploreCells({
      variant: builtinVariant(variant), blocksPerPage, pages: 1, mount, ops: CONCURRENT_OPS, threads, claims: CLAIM_NAMES, maxStates: 10_000_000,
      symmetry: false,
    });
    const summary = { states: cells[0].states, transitions: cells[0].transitions, verdicts: cells.map((c) => `${c.claim} ${c.verdict} ${c.shortestSteps ?? ''}`) };
    if (pinned !== null) expect(summary.states).toBe(pinned);
    expect(summary).toMatchSnapshot();
  });
});
