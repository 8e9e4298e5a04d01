import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../src/claims/claim';
import { BUILTIN_LOCK_ORDER } from '../src/model/locks';
import { CONCURRENT_OPS } from '../src/model/ops';
import { runScenario } from '../src/run/run-scenario';
import type { Scenario } from '../src/run/scenario';
import { exploreCells } from '../src/search/explore/explore-cells';
import { BUILTIN_VARIANT_NAMES } from '../src/variants/builtin-variants';
import { variantProblem } from '../src/variants/check-variant';
import { lockOrder } from '../src/variants/lock-table';
import { loadVariantFile } from '../src/variants/load-variant-file';
import { builtinVariant, resolveVariant } from '../src/variants/resolve-variant';
import { locksBalanced } from '../tests/variants/locks-balanced';
import { OP } from '../src/model/ops';
import { lockOfStepName } from '../src/paths/lock-sites';
import { programsWithoutRegions } from '../src/paths/programs';
import { LOCK_SITES, type NewLock, PUNCH_ACTIONS, REGION_PATHS } from '../src/variants/variant';

/**
 * Variant files made by machine (issue 21): random locks of their own,
 * random lock sites, random lock regions and a random punch (the era's actions in its order,
 * some of them inside a random nest of locks taken in the lock order).
 * A well-formed one loads from its file, explores on a small family, keeps
 * every lock in range and free at the end, and every case found replays
 * on it; an ill-formed one (a release in the
 * wrong mode, a release dropped, an unknown lock, two locks of a site
 * swapped against the order, a region ending at no step of its path) is refused by `explore` with exit 2, one line
 * naming the file, and nothing written.
 */
const SEED = 20_261_202;
/** Locks a site or the punch may take: every built-in but i_data_sem, which RM and the block lookups take inside them. */
const OUTER = BUILTIN_LOCK_ORDER.filter((l) => l !== 'i_data_sem');

interface Draft {
  readonly extends: string;
  readonly newLocks: NewLock[];
  readonly punch: string[];
  readonly locks: Record<string, string[]>;
  readonly regions: Array<{ path: string; from: string; to: string; locks: string[] }>;
}

/** A region over two steps (in order, each named once) of a path's main flow, with a nest of locks. */
function regionArb(base: string, newLocks: readonly NewLock[]): fc.Arbitrary<Draft['regions'][number]> {
  const programs = programsWithoutRegions(builtinVariant(base));
  return fc.constantFrom(...REGION_PATHS).chain((path) => {
    const p = programs[OP[path]];
    const names = p.steps.slice(0, p.mainLength).map((st) => st.name);
    // Not lock steps: the draft's own sites change those.
    const once = names.filter((n) => names.indexOf(n) === names.lastIndexOf(n) && lockOfStepName(n) === null);
    return fc.record({
      ends: fc.tuple(fc.nat({ max: once.length - 1 }), fc.nat({ max: once.length - 1 })).map(([a, b]) => [once[Math.min(a, b)], once[Math.max(a, b)]]),
      locks: nestArb(newLocks, 2).filter((l) => l.length > 0),
    }).map(({ ends: [from, to], locks }) => ({ path, from, to, locks }));
  });
}

const newLocksArb: fc.Arbitrary<NewLock[]> = fc.array(fc.record({ kind: fc.constantFrom('rwsem' as const, 'mutex' as const), at: fc.nat() }), { maxLength: 2 })
  .map((ls) => ls.reduce<NewLock[]>((out, l, k) => {
    const above = [...OUTER, ...out.map((o) => o.name)];
    return [...out, { name: `fix_${k}`, kind: l.kind, after: above[l.at % above.length] }];
  }, []));

/** Some of the locks, in the variant's lock order, each in a mode its kind allows. */
function nestArb(newLocks: readonly NewLock[], max: number): fc.Arbitrary<string[]> {
  const order = lockOrder(newLocks).filter((l) => l !== 'i_data_sem');
  return fc.subarray(order, { maxLength: max }).chain((locks) => fc.tuple(...locks.map((l) => {
    const mutex = newLocks.some((n) => n.name === l && n.kind === 'mutex');
    return (mutex ? fc.constant('exclusive') : fc.constantFrom('shared', 'exclusive')).map((mode) => `${l}:${mode}`);
  })));
}

const take = (use: string): string => {
  const [lock, mode] = use.split(':');
  return mode === 'shared' ? `down_read(${lock})` : `down_write(${lock})`;
};
const drop = (use: string): string => {
  const [lock, mode] = use.split(':');
  return mode === 'shared' ? `up_read(${lock})` : `up_write(${lock})`;
};

const draftArb: fc.Arbitrary<Draft> = fc.record({ base: fc.constantFrom(...BUILTIN_VARIANT_NAMES), newLocks: newLocksArb }).chain(({ base, newLocks }) => {
  const actions = builtinVariant(base).punch.filter((s) => (PUNCH_ACTIONS as readonly string[]).includes(s));
  return fc.record({
    nest: nestArb(newLocks, 3),
    window: fc.tuple(fc.nat({ max: actions.length }), fc.nat({ max: actions.length })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
    sites: fc.subarray([...LOCK_SITES], { maxLength: 3 }).chain((sites) => fc.tuple(...sites.map((s) => nestArb(newLocks, 2).map((n) => [s, n] as const)))),
    regions: fc.array(regionArb(base, newLocks), { maxLength: 2 }),
  }).map(({ nest, window: [from, to], sites, regions }) => ({
    extends: base,
    newLocks,
    punch: [...actions.slice(0, from), ...nest.map(take), ...actions.slice(from, to), ...[...nest].reverse().map(drop), ...actions.slice(to)],
    locks: Object.fromEntries(sites),
    regions,
  }));
});

/** Drafts the loader takes: fault and fault.create, nested, can still meet a lock twice or out of order (rare). */
const wellFormed = draftArb.filter((d) => variantProblem(resolveVariant({ name: 'probe', ...d })) === null);

function written(d: object, dir: string, name: string): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, ...d }));
  return file;
}

describe('random variant files', () => {
  it('load, explore on a small family, and every case found replays on them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'random-variant-'));
    let k = 0;
    let replayed = 0;
    let locksOfTheirOwn = 0;
    let withRegions = 0;
    fc.assert(fc.property(wellFormed, (d) => {
      if (d.newLocks.length > 0 && d.punch.some((s) => s.includes('fix_'))) locksOfTheirOwn++;
      if (d.regions.length > 0) withRegions++;
      const v = loadVariantFile(written(d, dir, `v${k++}`));
      const cells = exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: CONCURRENT_OPS, threads: 1, claims: CLAIM_NAMES, maxStates: 2_000_000 });
      // However the regions and sites sit, every lock is in range in every state and free at the end.
      expect(locksBalanced(v, 1, 1).broken).toBeNull();
      for (const c of cells) {
        expect(c.verdict).not.toBe('incomplete');
        if (c.case === null) continue;
        const r = runScenario(c.case.scenario as Scenario, c.case.schedule, { variant: v, claims: [c.claim], strict: true });
        expect(r.violation?.claim).toBe(c.claim);
        replayed++;
      }
    }), { seed: SEED, numRuns: 40 });
    // Not vacuous: the drafts break claims, and take locks of their own.
    expect(replayed).toBeGreaterThan(10);
    expect(locksOfTheirOwn).toBeGreaterThan(3);
    expect(withRegions).toBeGreaterThan(10);
  });

  it('refuse an ill-formed one at load: exit 2, one line naming the file, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'random-variant-'));
    const breakArb = fc.constantFrom('mode', 'drop', 'unknown', 'swap', 'region');
    const swappable = (d: Draft) => Object.values(d.locks).some((l) => l.length === 2 && l[0].split(':')[0] !== l[1].split(':')[0]);
    let k = 0;
    fc.assert(fc.property(wellFormed, breakArb, (d, how) => {
      const lockSteps = d.punch.filter((s) => s.startsWith('up_'));
      fc.pre(how === 'swap' ? swappable(d) : how === 'unknown' || how === 'region' || lockSteps.length > 0);
      const punch = [...d.punch];
      const locks = { ...d.locks };
      const last = punch.findIndex((s) => s.startsWith('up_'));
      if (how === 'mode') punch[last] = punch[last].startsWith('up_read') ? punch[last].replace('up_read', 'up_write') : punch[last].replace('up_write', 'up_read');
      if (how === 'drop') punch.splice(last, 1);
      if (how === 'unknown') locks.write = ['big_kernel_lock:exclusive'];
      const regions = how === 'region' ? [...d.regions, { path: 'writeback', from: 'writepage', to: 'end_page_writeback', locks: ['i_rwsem:shared'] }] : d.regions;
      if (how === 'swap') {
        const [site, pair] = Object.entries(locks).find(([, l]) => l.length === 2 && l[0].split(':')[0] !== l[1].split(':')[0])!;
        locks[site] = [pair[1], pair[0]];
      }
      const file = written({ ...d, punch, locks, regions }, dir, `bad${k++}`);
      const out = join(dir, `out${k}`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/punch-hunt.ts', 'explore', '--variant-file', file, '--threads', '1', '--out', out], { encoding: 'utf8' });
      expect(r.status, `${how}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`${file}: `);
      expect(existsSync(out)).toBe(false);
    }), { seed: SEED, numRuns: 10 });
  });
});
