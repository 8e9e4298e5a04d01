import { describe, expect, it } from 'vitest';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import { variantToFile } from '../../src/variants/variant-to-file';

/**
 * Vacuity (TLC's coverage, as a verdict): a punch that takes
 * invalidate_lock and never drops it leaves every read that starts after it
 * blocked for good, so no read after the punch ever returns and the
 * stale-data claim judges nothing. The explorer must say `held (vacuous)`
 * there, naming what never happened and the steps never taken, and plain
 * `held` for the same family with the lock balanced (ext4-5.15 itself).
 */
const balanced = builtinVariant('ext4-5.15');
const file = variantToFile(balanced);
const unbalanced = resolveVariant({
  ...file, name: 'never-unlocks', description: 'ext4-5.15 without filemap_invalidate_unlock',
  punch: file.punch!.filter((step) => step !== 'filemap_invalidate_unlock'),
});
const explore = (variant: typeof balanced) => exploreCells({
  variant, blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: ['read'], threads: 1,
  claims: ['no-stale-data-after-fallocate', 'no-deadlock'], maxStates: 1_000_000,
})[0];

describe('vacuous proofs', () => {
  it('an unbalanced lock that blocks every read after the punch: held, but vacuous, naming what never happened', () => {
    const cell = explore(unbalanced);
    expect(cell.verdict).toBe('held');
    expect(cell.unreached[0]).toBe('never: a read of a punched page that started after the punch returned finished');
    expect(cell.unreached[1]).toMatch(/^steps never taken: .*read /);
  });

  it('the same family with the lock balanced: held, and not vacuous', () => {
    const cell = explore(balanced);
    expect(cell.verdict).toBe('held');
    expect(cell.unreached).toEqual([]);
  });

  it('the coverage counts the steps taken, and shows what a one-page family never reaches', () => {
    const cell = explore(balanced);
    expect(cell.coverage.find((r) => r.op === 'read')!.finished).toBeGreaterThan(0);
    const punch = cell.coverage.find((r) => r.op === 'punch')!;
    expect(punch.steps.find((st) => st.name === 'ext4_ext_rm_leaf')!.taken).toBeGreaterThan(0);
    // One page is one extent leaf: ext4_ext_remove_space never restarts its handle here (a two-page family is needed).
    expect(punch.steps.find((st) => st.name === 'jbd2__journal_restart')!.taken).toBe(0);
    // In the unbalanced punch the unlock step is gone, and the reads after it never get the lock.
    const blocked = explore(unbalanced).coverage.find((r) => r.op === 'read')!;
    expect(blocked.steps.filter((st) => st.name === 'copy_page_to_iter').every((st) => st.taken > 0)).toBe(true); // reads before the punch still finish
  });
});
