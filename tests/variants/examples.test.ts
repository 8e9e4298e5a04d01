import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES, type ClaimName } from '../../src/claims/claim';
import type { Mount } from '../../src/model/mount';
import { CONCURRENT_OPS, type ConcurrentOp } from '../../src/model/ops';
import { runScenario } from '../../src/run/run-scenario';
import type { Scenario } from '../../src/run/scenario';
import { type ExploreCell, exploreCells } from '../../src/search/explore/explore-cells';
import { loadVariantFile } from '../../src/variants/load-variant-file';
import { builtinVariant } from '../../src/variants/resolve-variant';
import type { Variant } from '../../src/variants/variant';

/**
 * The fixes of examples/, each explored from its file beside the era it
 * changes, on families small enough for the gate (two threads beside the
 * punch): what each closes and what it leaves, as docs/variant-format.md
 * ("Examples") reports them. Every case found replays on the example.
 */
function explore(v: Variant, blocksPerPage: 1 | 2, mount: Mount, ops: readonly ConcurrentOp[] = CONCURRENT_OPS): ExploreCell[] {
  return exploreCells({ variant: v, blocksPerPage, pages: 1, mount, ops, threads: 2, claims: CLAIM_NAMES, maxStates: 5_000_000 });
}

/** claim -> "held" or the shortest length, for the claims given. */
function verdicts(cells: readonly ExploreCell[]): Record<string, string | number> {
  return Object.fromEntries(cells.map((c) => [c.claim, c.verdict === 'violated' ? c.shortestSteps! : c.verdict]));
}

function expectCasesReplay(v: Variant, cells: readonly ExploreCell[]): void {
  for (const c of cells.filter((x) => x.case !== null)) {
    const r = runScenario(c.case!.scenario as Scenario, c.case!.schedule, { variant: v, claims: [c.claim as ClaimName], strict: true });
    expect(r.violation?.claim, `${v.name} ${c.claim}`).toBe(c.claim);
    expect(c.case!.schedule).toHaveLength(c.shortestSteps!);
  }
}

describe('the examples', () => {
  it('read-under-i-mmap-sem closes 4.5\'s stale and foreign data and its freed block mapped, and leaves the lost write of two blocks a page', () => {
    const fix = loadVariantFile('examples/read-under-i-mmap-sem.json');
    const era = builtinVariant('ext4-4.5');
    for (const blocksPerPage of [1, 2] as const) {
      const mine = explore(fix, blocksPerPage, 'data=writeback');
      const theirs = explore(era, blocksPerPage, 'data=writeback');
      expect(verdicts(theirs)['no-stale-data-after-fallocate']).toBe(18);
      expect(verdicts(theirs)['no-foreign-data-exposed']).toBe(16);
      expect(verdicts(mine)).toMatchObject({ 'no-stale-data-after-fallocate': 'held', 'no-foreign-data-exposed': 'held', 'no-page-maps-freed-block': 'held', 'no-deadlock': 'held' });
      expect(verdicts(mine)['no-lost-write']).toBe(blocksPerPage === 1 ? 'held' : 25);
      if (blocksPerPage === 2) expect(verdicts(theirs)['no-page-maps-freed-block']).toBe(11);
      expectCasesReplay(fix, mine);
    }
  });

  it('writeback-under-i-rwsem closes 3.15\'s lost write of one block a page, and leaves its freed block mapped and the lost write of two', () => {
    const fix = loadVariantFile('examples/writeback-under-i-rwsem.json');
    const era = builtinVariant('ext4-3.15');
    const one = verdicts(explore(fix, 1, 'data=ordered'));
    expect(verdicts(explore(era, 1, 'data=ordered'))['no-lost-write']).toBe(35);
    expect(one).toMatchObject({ 'no-lost-write': 'held', 'no-page-maps-freed-block': 16, 'no-deadlock': 'held' });
    const two = explore(fix, 2, 'data=writeback');
    expect(verdicts(two)).toMatchObject({ 'no-lost-write': 21, 'no-page-maps-freed-block': 10 });
    expectCasesReplay(fix, two);
  });

  it('no-dio-wait lets a direct I/O write land in a block the punch freed and bar was given', () => {
    const fix = loadVariantFile('examples/no-dio-wait.json');
    const cells = explore(fix, 1, 'data=writeback', ['dioWrite', 'dioRead', 'barWrite']);
    expect(verdicts(cells)['bar-never-overwritten-by-foo']).toBeTypeOf('number');
    expect(verdicts(explore(builtinVariant('ext4-5.15'), 1, 'data=writeback', ['dioWrite', 'dioRead', 'barWrite']))['bar-never-overwritten-by-foo']).toBe('held');
    expectCasesReplay(fix, cells);
  });

  it('revalidate-reads closes 5.10\'s foreign data exposed, and leaves its stale data: a page read in before RM is valid when read, and stays', () => {
    const fix = loadVariantFile('examples/revalidate-reads.json');
    for (const mount of ['data=writeback', 'data=ordered'] as const) {
      const theirs = verdicts(explore(builtinVariant('ext4-5.10'), 1, mount));
      const mine = explore(fix, 1, mount);
      expect(theirs['no-foreign-data-exposed']).toBe(mount === 'data=writeback' ? 16 : 20);
      expect(verdicts(mine)).toMatchObject({ 'no-foreign-data-exposed': 'held', 'no-stale-data-after-fallocate': 18, 'no-deadlock': 'held' });
      expectCasesReplay(fix, mine);
    }
  });

  it('revalidate-writeback leaves 3.11\'s overwrite of bar: the stale mapping is in the page\'s buffers, which writeback does not look up again', () => {
    const fix = loadVariantFile('examples/revalidate-writeback.json');
    // The operations of its case (writeback, bar's write, a store) and write(2): the same shortest length as with every operation, in a fifth of the time.
    const three = (v: Variant) => exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: ['writeback', 'barWrite', 'mmapWrite', 'write'], threads: 3, claims: ['bar-never-overwritten-by-foo'], maxStates: 10_000_000 });
    const mine = three(fix);
    expect(mine[0]).toMatchObject({ verdict: 'violated', shortestSteps: 22 });
    expect(three(builtinVariant('ext4-3.11'))[0]).toMatchObject({ verdict: 'violated', shortestSteps: 22 });
    expectCasesReplay(fix, mine);
  });

  it('typo-up-read is rejected at load, naming the punch step', () => {
    expect(() => loadVariantFile('examples/typo-up-read.json')).toThrow(
      'examples/typo-up-read.json: punch.8: "up_read(invalidate_lock)" releases invalidate_lock shared, but punch.3 took it exclusive: release it with up_write(invalidate_lock)',
    );
  });
});
