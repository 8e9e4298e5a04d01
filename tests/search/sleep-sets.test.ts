import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { bfs, type System } from '../../src/search/bfs';
import { exploreCells } from '../../src/search/explore-cells';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { builtinVariant } from '../../src/variants/resolve-variant';

/**
 * Sleep sets must change nothing but the work: on every variant and both
 * geometries, the same distinct states, verdicts and shortest lengths with
 * the reduction on and off, and every transition accounted for (taken or
 * pruned). Two threads beside the punch and one layout a geometry (with two
 * blocks a page the discontiguous one, whose reads attach buffers) keep
 * each family small.
 */
describe('sleep sets keep states, verdicts and shortest lengths', () => {
  it.each(BUILTIN_VARIANT_NAMES.flatMap((v) => [1, 2].map((b) => [v, b as 1 | 2] as const)))('%s B=%i', (variant, blocksPerPage) => {
    const explore = (reduction: boolean) => exploreCells({
      variant: builtinVariant(variant), blocksPerPage, pages: 1, mount: 'data=writeback', ops: CONCURRENT_OPS, threads: 2, claims: CLAIM_NAMES,
      layouts: [blocksPerPage === 1 ? 'contiguous' : 'discontiguous'], maxStates: 5_000_000, reduction,
    });
    const off = explore(false);
    const on = explore(true);
    expect(off[0].pruned).toBe(0);
    expect(on[0].states).toBe(off[0].states);
    expect(on[0].transitions + on[0].pruned).toBe(off[0].transitions);
    expect(on.map((c) => [c.claim, c.verdict, c.shortestSteps])).toEqual(off.map((c) => [c.claim, c.verdict, c.shortestSteps]));
  });
});

/**
 * A hand-built system where the reduction has work to do: two counters
 * each stepped by its own thread, fully independent. Every state of the
 * grid is reached at its distance with or without sleep sets; with them,
 * each interior state is entered once instead of twice.
 */
describe('sleep sets on two independent threads', () => {
  const N = 5;
  const grid: System<number[]> = {
    claims: 1,
    starts: () => [[0, 0]],
    threads: () => 2,
    enabled: (s, t) => s[t] < N,
    step: (s, t) => s.map((v, i) => (i === t ? v + 1 : v)),
    fingerprint: (s) => s[0] * 100 + s[1] + 1,
    broken: (s) => (s[0] === N && s[1] === N ? 1 : 0),
    footprint: (_s, t) => 1 << t,
  };

  it('reaches every state at the same depth and prunes the duplicate paths', () => {
    const off = bfs(grid, { reduction: false });
    const on = bfs(grid, { reduction: true });
    expect(on.states).toBe((N + 1) ** 2);
    expect(off.states).toBe(on.states);
    expect(on.outcomes[0].steps).toBe(2 * N);
    expect(off.outcomes[0].steps).toBe(2 * N);
    expect(off.transitions).toBe(2 * N * (N + 1));
    // With sleep sets, the state (i, j) with i, j > 0 is entered only from (i - 1, j) after thread 1 ran... and the rest pruned.
    expect(on.transitions).toBeLessThan(off.transitions);
    expect(on.transitions + on.pruned).toBe(off.transitions);
  });

  it('prunes nothing when the footprints overlap', () => {
    const dependent = { ...grid, footprint: () => 1 };
    const r = bfs(dependent, { reduction: true });
    expect(r.pruned).toBe(0);
    expect(r.states).toBe((N + 1) ** 2);
  });
});
