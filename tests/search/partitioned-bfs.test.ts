import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { parseScenario } from '../../src/run/scenario';
import { replayCase } from '../../src/cases/replay-case';
import { CONCURRENT_OPS } from '../../src/model/ops';
import type { Mount } from '../../src/model/mount';
import { bfs } from '../../src/search/engine/bfs';
import { localParts } from '../../src/search/engine/local-parts';
import { partitionedBfs } from '../../src/search/engine/partitioned-bfs';
import { exploreCells, exploreCellsOnParts, exploreCellsOnThreads } from '../../src/search/explore/explore-cells';
import { type FamilyRecipe, recipeSystem } from '../../src/search/explore/family-recipe';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { builtinVariant } from '../../src/variants/resolve-variant';

/**
 * The partitioned search (engine/partition.ts) against the one-core search
 * (engine/bfs.ts): every built-in era's one-page family, two threads beside
 * the punch, one block a page, in two and three parts (run one after
 * another in this thread, local-parts.ts, which exchanges the same batches
 * in the same order as the threads do); then on real worker threads, with
 * its cases replayed. A part that lost a batch, kept a duplicate or pruned
 * by the path rather than the state would change a count here.
 */
const recipe = (variant: string, mount: Mount, blocksPerPage: 1 | 2, maxStates?: number): FamilyRecipe & { maxStates?: number } => ({
  variant: builtinVariant(variant), family: { variant, blocksPerPage, pages: 1, mount, ops: CONCURRENT_OPS, threads: 2 }, claims: CLAIM_NAMES, maxStates,
});

async function both(r: FamilyRecipe, parts: number, maxStates = 50_000_000) {
  const one = bfs(recipeSystem(r).system, { maxStates });
  const many = await partitionedBfs(localParts(() => recipeSystem(r), { parts, maxStates, symmetry: true, pruning: true }), { claims: r.claims.length, symmetric: true });
  return { one, many };
}

describe('the partitioned search', () => {
  it.each(BUILTIN_VARIANT_NAMES.map((v, k) => [v, 2 + (k % 2)] as const))('%s data=writeback B=1 in %i parts: the states, transitions, depth and verdicts of one search', async (variant, parts) => {
    const { one, many } = await both(recipe(variant, 'data=writeback', 1), parts);
    expect(many.complete).toBe(true);
    expect([many.states, many.transitions, many.depth]).toEqual([one.states, one.transitions, one.depth]);
    expect(many.outcomes.map((o) => o.steps)).toEqual(one.outcomes.map((o) => o.steps));
    // Every schedule reported is one of the shortest: as long as the one search's.
    many.outcomes.forEach((o, c) => expect(o.schedule?.length ?? null).toBe(one.outcomes[c].steps));
  }, 60_000);

  it('cut by its state bound like one search: incomplete at exactly that many states', async () => {
    const { one, many } = await both(recipe('ext4-5.15', 'data=ordered', 1), 2, 20_000);
    expect([one.complete, one.cut, one.states]).toEqual([false, 'states', 20_000]);
    expect([many.complete, many.cut, many.states]).toEqual([false, 'states', 20_000]);
  });

  it('on worker threads: the cells of one core, and cases that replay at their shortest length', async () => {
    const b = { variant: builtinVariant('ext4-3.11'), blocksPerPage: 2 as const, pages: 1, mount: 'data=writeback' as const, ops: CONCURRENT_OPS, threads: 2, claims: CLAIM_NAMES, maxStates: 5_000_000 };
    const one = exploreCells(b);
    const threads = await exploreCellsOnParts(b, 2);
    const row = (c: (typeof one)[number]) => [c.claim, c.verdict, c.states, c.transitions, c.shortestSteps, c.unreached.length];
    expect(threads.map(row)).toEqual(one.map(row));
    expect(threads[0].coverage).toEqual(one[0].coverage);
    const broken = threads.filter((c) => c.case !== null);
    expect(broken.length).toBeGreaterThan(0);
    for (const c of broken) {
      const out = replayCase({ file: '(test)', data: c.case!, scenario: parseScenario(c.case!.scenario), variant: b.variant });
      expect([out.reproduced, out.steps]).toEqual([true, c.shortestSteps]);
    }
  }, 120_000);

  it('a family that one core finishes within its first states is not taken to threads: its cells are one core\'s', async () => {
    const b = { variant: builtinVariant('ext4-5.15'), blocksPerPage: 1 as const, pages: 1, mount: 'data=writeback' as const, ops: CONCURRENT_OPS, threads: 1, claims: CLAIM_NAMES, maxStates: 5_000_000 };
    const row = (c: Awaited<ReturnType<typeof exploreCellsOnThreads>>[number]) => [c.claim, c.verdict, c.states, c.transitions, c.shortestSteps];
    expect((await exploreCellsOnThreads(b, 2)).map(row)).toEqual(exploreCells(b).map(row));
  });
});
