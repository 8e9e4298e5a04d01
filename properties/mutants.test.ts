import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../src/claims/claim';
import { MODEL_MUTANTS } from '../src/mutants/model-mutants';
import { MUTANT_BASE, MUTANT_PREFIX } from '../src/mutants/mutant-base';
import { mutantsOf } from '../src/mutants/mutants';
import { SURVIVORS } from '../src/mutants/survivors';
import { readMutantsTable } from '../src/results/mutants-table';
import { exploreCells } from '../src/search/explore/explore-cells';
import { variantToFile } from '../src/variants/variant-to-file';

/**
 * The committed mutant x claim table (properties/mutants.json and
 * MUTANTS.md, written by `npm run mutants`) must show that every claim can
 * fail: each is broken by some mutant of MUTANT_BASE (today's design), no-deadlock included,
 * the unchanged control breaks nothing, and every mutant that breaks
 * nothing is explained. A few mutants are explored again here, on small
 * bounds, so the table cannot drift from the model unnoticed.
 */
const table = readMutantsTable();
const mutants = mutantsOf(MUTANT_BASE);
const breaks = (m: (typeof table.mutants)[number]) => m.cells.filter((c) => c.verdict === 'violated');

describe(`mutants of ${MUTANT_BASE.name}`, () => {
  it('the table covers exactly the mutants the generators make, each as defined', () => {
    expect(table.mutants.map((m) => m.name)).toEqual([...mutants, ...MODEL_MUTANTS].map((m) => m.name));
    for (const m of mutants) expect(table.mutants.find((x) => x.name === m.name)!.variant).toEqual(variantToFile(m.variant));
  });

  it.each(CLAIM_NAMES.map((c) => [c]))('%s is broken by at least one mutant', (claim) => {
    expect(table.mutants.filter((m) => breaks(m).some((c) => c.claim === claim)).map((m) => m.name)).not.toEqual([]);
  });

  it('the unchanged control breaks nothing, and every claim was searched to the end for it', () => {
    const control = table.mutants.find((m) => m.name === `${MUTANT_PREFIX}unchanged`)!;
    expect(breaks(control)).toEqual([]);
    expect(control.cells.every((c) => c.verdict === 'held')).toBe(true);
  });

  it('every mutant that breaks nothing is explained, and no explanation is stale', () => {
    const survivors = table.mutants.filter((m) => breaks(m).length === 0 && m.name !== `${MUTANT_PREFIX}unchanged`).map((m) => m.name);
    for (const name of survivors) expect(SURVIVORS[name], name).toBeTruthy();
    expect(Object.keys(SURVIVORS).sort()).toEqual(survivors.sort());
  });

  it('explored again on small bounds, the mutants break what the table says (and the control does not)', () => {
    const explore = (name: string, ops: Parameters<typeof exploreCells>[0]['ops'], threads: number) =>
      exploreCells({ variant: mutants.find((m) => m.name === name)!.variant, blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops, threads, claims: CLAIM_NAMES, maxStates: 2_000_000 });
    const violated = (cells: ReturnType<typeof exploreCells>) => cells.filter((c) => c.verdict === 'violated').map((c) => c.claim);
    expect(violated(explore(`${MUTANT_PREFIX}write-inverts-lock-order`, ['write'], 1))).toContain('no-deadlock');
    expect(violated(explore(`${MUTANT_PREFIX}drop-ext4_ext_remove_space`, ['read'], 1))).toContain('no-stale-data-after-fallocate');
    expect(violated(explore(`${MUTANT_PREFIX}drop-inode_dio_wait`, ['dioWrite', 'barWrite'], 2))).toContain('bar-never-overwritten-by-foo');
    expect(violated(explore(`${MUTANT_PREFIX}unchanged`, ['write', 'read', 'dioWrite', 'barWrite'], 2))).toEqual([]);
    // The model mutant: a write between the punch's flush and its truncation is lost with the partly punched page.
    const model = (patch?: (typeof MODEL_MUTANTS)[number]['patch']) => violated(exploreCells({
      variant: MUTANT_BASE, blocksPerPage: 2, pages: 1, mount: 'data=writeback', ops: ['write'], threads: 1, claims: CLAIM_NAMES, maxStates: 2_000_000, patch,
    }));
    expect(model(MODEL_MUTANTS[0].patch)).toContain('no-lost-write');
    expect(model()).toEqual([]);
    for (const [name, claim] of [[`${MUTANT_PREFIX}write-inverts-lock-order`, 'no-deadlock'], [`${MUTANT_PREFIX}drop-inode_dio_wait`, 'bar-never-overwritten-by-foo']] as const) {
      expect(breaks(table.mutants.find((m) => m.name === name)!).map((c) => c.claim)).toContain(claim);
    }
  });
});
