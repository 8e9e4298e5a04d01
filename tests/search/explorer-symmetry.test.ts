import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { MOUNTS } from '../../src/model/mount';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { builtinVariant } from '../../src/variants/resolve-variant';

/**
 * Symmetry in the explorer: the matrix's families (every built-in era, under
 * one mount or the other, one page, every operation) at two threads beside the punch
 * instead of the matrix's three, one block a page, and two blocks a page for
 * one era (the rest take minutes; `npm run matrix` gives every family's
 * verdicts, with three threads, to compare with the committed ones): with
 * interchangeable threads merged, the same verdicts and shortest lengths,
 * and fewer states. A canonical form that merged states with different
 * futures would change a verdict or a length here.
 */
// Each era under one mount, the mounts taking turns (both eras' mounts would double the gate's time for little):
// every era and both mounts are covered.
const FAMILIES = [
  ...BUILTIN_VARIANT_NAMES.map((name, k) => [name, MOUNTS[k % MOUNTS.length], 1] as const),
  ['ext4-5.15', 'data=writeback', 2] as const,
];

describe('the explorer with symmetry on and off', () => {
  it.each(FAMILIES)(
    '%s %s B=%i: same verdicts and shortest lengths, fewer states',
    (name, mount, blocksPerPage) => {
      const variant = builtinVariant(name);
      const explore = (symmetry: boolean) => exploreCells({
        variant, blocksPerPage: blocksPerPage as 1 | 2, pages: 1, mount, ops: CONCURRENT_OPS, threads: 2, claims: CLAIM_NAMES, maxStates: 5_000_000, symmetry,
      });
      const on = explore(true);
      const off = explore(false);
      const verdicts = (cells: typeof on) => cells.map((c) => `${c.claim} ${c.verdict} ${c.shortestSteps ?? ''}`);
      expect(verdicts(on)).toEqual(verdicts(off));
      expect(on.every((c) => c.verdict !== 'incomplete')).toBe(true);
      expect(on[0].states).toBeLessThan(off[0].states);
    },
  );
});
