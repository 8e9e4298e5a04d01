import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { T_PC } from '../../src/model/layout';
import { CONCURRENT_OPS, OP } from '../../src/model/ops';
import { programsFor } from '../../src/paths/programs';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { variantProblem } from '../../src/variants/check-variant';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import type { Variant } from '../../src/variants/variant';
import { variantToFile } from '../../src/variants/variant-to-file';
import { locksBalanced } from './locks-balanced';

/** 5.15 with writeback, from starting its journal handle to the end of the page's I/O, under invalidate_lock shared. */
const WRITEBACK_REGION = {
  name: 'writeback-region', extends: 'ext4-5.15',
  regions: [{ path: 'writeback', from: 'ext4_journal_start', to: 'end_page_writeback', locks: ['invalidate_lock:shared'] }],
};

describe('lock regions', () => {
  it('take the locks before "from", release them after "to", and keep them balanced on every path through every interleaving', () => {
    const v = resolveVariant(WRITEBACK_REGION);
    expect(variantProblem(v)).toBeNull();
    const names = programsFor(v)[OP.writeback].steps.map((s) => s.name);
    const from = names.indexOf('ext4_journal_start');
    expect(names[from - 1]).toBe('filemap_invalidate_lock_shared');
    expect(names[names.indexOf('end_page_writeback') + 1]).toBe('filemap_invalidate_unlock_shared');
    // The first pass jumps from outside into the region (to submit_bio): through an entry that takes the lock.
    expect(names.filter((n) => n === 'filemap_invalidate_lock_shared').length).toBeGreaterThan(1);
    for (const blocksPerPage of [1, 2] as const) {
      const r = locksBalanced(v, blocksPerPage, 2);
      expect(r.broken, `B=${blocksPerPage}`).toBeNull();
      expect(r.states).toBeGreaterThan(100_000);
    }
  });

  it('can fail that balance: a region whose lock a step inside releases by hand is caught', () => {
    // write(2) with its i_rwsem as a region over its whole length instead of its site: balanced, until the model is broken.
    const leaky = resolveVariant({ name: 'leaky', extends: 'ext4-5.15', locks: { write: [] }, regions: [{ path: 'write', from: 'grab_cache_page_write_begin', to: 'ext4_da_write_end', locks: ['i_rwsem:exclusive'] }] });
    const program = programsFor(leaky)[OP.write];
    const last = program.steps.findIndex((s) => s.name === 'inode_unlock');
    expect(last).toBeGreaterThan(0);
    expect(locksBalanced(leaky, 1, 2).broken).toBeNull();
    // Break it on purpose: every release step goes to the end releasing nothing, and the claim finds the lock held there.
    program.steps.forEach((step, i) => {
      if (step.name !== 'inode_unlock') return;
      (program.steps as unknown as Array<unknown>)[i] = { ...step, effect: (s: number[], t: number) => { s[t + T_PC] = program.steps.length; } };
    });
    expect(locksBalanced(leaky, 1, 2).broken).not.toBeNull();
  });

  it('nest, the outer placed first: a jump from inside the inner to the outer\'s start leaves the inner only', () => {
    // Both found by an independent review (before the fix, the second region had no way out to the first's start and threw).
    const outerFirst = resolveVariant({
      name: 'outer-first', extends: 'ext4-3.11',
      regions: [
        { path: 'read', from: 'filemap_get_pages', to: 'copy_page_to_iter', locks: ['i_mmap_sem:shared'] },
        { path: 'read', from: 'add_to_page_cache_lru', to: 'page_endio', locks: ['invalidate_lock:shared'] },
      ],
    });
    const sites = resolveVariant({ name: 'fault-and-create', extends: 'ext4-4.5', locks: { 'fault.create': ['invalidate_lock:shared'] } });
    for (const v of [outerFirst, sites]) {
      expect(variantProblem(v), v.name).toBeNull();
      const r = locksBalanced(v, 1, 2);
      expect(r.broken, v.name).toBeNull();
      expect(r.states, v.name).toBeGreaterThan(100_000);
    }
  });

  it('held across the whole of writeback, as a region, judge as the writeback site does', () => {
    const site = resolveVariant({ name: 'site', extends: 'ext4-3.15', locks: { writeback: ['i_rwsem:shared'] } });
    const steps = programsFor(builtinVariant('ext4-3.15'))[OP.writeback].steps;
    const region = resolveVariant({
      name: 'region', extends: 'ext4-3.15',
      regions: [{ path: 'writeback', from: steps[0].name, to: 'end_page_writeback', locks: ['i_rwsem:shared'] }],
    });
    const verdicts = (v: Variant) => exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount: 'data=ordered', ops: CONCURRENT_OPS, threads: 2, claims: CLAIM_NAMES, maxStates: 5_000_000 })
      .map((c) => `${c.claim} ${c.verdict} ${c.shortestSteps ?? ''}`);
    expect(verdicts(region)).toEqual(verdicts(site));
    expect(verdicts(region)).toContain('no-lost-write held ');
  });

  it('inside writeback\'s journal handle, i_rwsem deadlocks through the journal: the punch holds it and waits to start its handle, the commit waits for writeback\'s handle, writeback waits for i_rwsem', () => {
    const inside = resolveVariant({
      name: 'inside', extends: 'ext4-3.15',
      regions: [{ path: 'writeback', from: 'clear_page_dirty_for_io', to: 'end_page_writeback', locks: ['i_rwsem:shared'] }],
    });
    const around = resolveVariant({ name: 'around', extends: 'ext4-3.15', locks: { writeback: ['i_rwsem:shared'] } });
    const deadlock = (v: Variant) => exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount: 'data=ordered', ops: ['writeback'], threads: 1, claims: ['no-deadlock'], maxStates: 1_000_000 })[0];
    expect(deadlock(inside)).toMatchObject({ verdict: 'violated', shortestSteps: 6 });
    expect(deadlock(around).verdict).toBe('held');
    // The load-time check sees it too: the handle is a lock there, as lockdep's jbd2_handle is.
    const start = builtinVariant('ext4-3.15').punch.indexOf('ext4_journal_start');
    expect(variantProblem(inside, (f) => f.startsWith('regions.'))?.message).toBe(`regions.0.locks.0: lock order cycle: i_rwsem -> jbd2_handle (held from punch.1, taken at punch.${start}); `
      + 'jbd2_handle -> i_rwsem (held from ext4_journal_start in writeback, taken at regions.0.locks.0)');
    expect(variantProblem(around)).toBeNull();
    // And a case keeps the regions: it replays anywhere.
    expect(resolveVariant(variantToFile(inside))).toEqual(inside);
  });

  it('where they start decides whether they deadlock: 5.15\'s writeback under invalidate_lock from its handle on, or from clearing the dirty bit, or as the site', () => {
    const explore = (v: Variant) => exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount: 'data=ordered', ops: ['writeback', 'mmapWrite', 'write'], threads: 2, claims: ['no-deadlock'], maxStates: 3_000_000 })[0];
    // Inside the handle: refused at load (jbd2_handle -> invalidate_lock against the punch's invalidate_lock -> jbd2_handle), and a deadlock in 9 steps.
    const inHandle = resolveVariant({ ...WRITEBACK_REGION, name: 'in-handle', regions: [{ ...WRITEBACK_REGION.regions[0], from: 'clear_page_dirty_for_io' }] });
    expect(variantProblem(inHandle)?.problem).toContain('jbd2_handle -> invalidate_lock (held from ext4_journal_start in writeback, taken at regions.0.locks.0)');
    expect(explore(inHandle)).toMatchObject({ verdict: 'violated', shortestSteps: 9 });
    // From the handle on: it loads, but writeback's first pass locks the page and jumps into the region, taking invalidate_lock under
    // the page lock, while the punch holds invalidate_lock and waits for that page: a deadlock in 11 steps the load check cannot see
    // (the page lock is not a lock to it).
    expect(variantProblem(resolveVariant(WRITEBACK_REGION))).toBeNull();
    expect(explore(resolveVariant(WRITEBACK_REGION))).toMatchObject({ verdict: 'violated', shortestSteps: 11 });
    // As the writeback site, before the page is locked: it holds.
    expect(explore(resolveVariant({ name: 'site', extends: 'ext4-5.15', locks: { writeback: ['invalidate_lock:shared'] } })).verdict).toBe('held');
  });

  it('are refused with the field named: ends that are not steps of the path or out of order, and a region that crosses a site', () => {
    const bad: Array<[object, string]> = [
      [{ path: 'writeback', from: 'clear_page_dirty', to: 'end_page_writeback', locks: ['i_rwsem:shared'] }, 'regions.0.from: "clear_page_dirty" is not a step of writeback'],
      [{ path: 'writeback', from: 'end_page_writeback', to: 'clear_page_dirty_for_io', locks: ['i_rwsem:shared'] }, 'regions.0.to: "clear_page_dirty_for_io" comes before "end_page_writeback" in writeback'],
      [{ path: 'writeback', from: 'submit_bio', to: 'end_page_writeback', locks: ['big_lock:shared'] }, 'regions.0.locks.0: unknown lock "big_lock"'],
    ];
    for (const [region, message] of bad) expect(() => resolveVariant({ name: 'x', extends: 'ext4-5.15', regions: [region] }), message).toThrow(message);
    const crossing = resolveVariant({ name: 'x', extends: 'ext4-5.15', regions: [{ path: 'read', from: 'filemap_get_pages', to: 'add_to_page_cache_lru', locks: ['i_rwsem:shared'] }] });
    expect(variantProblem(crossing)?.message).toMatch(/^regions.0: the region crosses the locks of read: i_rwsem is released while invalidate_lock/);
    const inverted = resolveVariant({ name: 'x', extends: 'ext4-5.15', regions: [{ path: 'writeback', from: 'clear_page_dirty_for_io', to: 'end_page_writeback', locks: ['i_data_sem:shared'] }] });
    expect(variantProblem(inverted)?.message).toMatch(/^regions.0.locks.0: lock order cycle: .*i_data_sem -> page_lock \(held from regions.0.locks.0, taken at clear_page_dirty_for_io in writeback\)/);
  });
});
