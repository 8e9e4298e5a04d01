import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { loadVariantFile } from '../../src/variants/load-variant-file';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import type { Variant } from '../../src/variants/variant';

const ERAS = join(__dirname, '..', '..', 'examples', 'eras');

/** Every cell of a two-thread one-page family: its verdict, shortest length and distinct states. */
function cells(v: Variant, mount: 'data=ordered' | 'data=writeback'): string[] {
  return exploreCells({ variant: v, blocksPerPage: 1, pages: 1, mount, ops: CONCURRENT_OPS, threads: 2, claims: CLAIM_NAMES, maxStates: 5_000_000 })
    .map((c) => `${c.claim} ${c.verdict} ${c.shortestSteps ?? '-'} ${c.states}`);
}

describe('each built-in era written with regions in place of its sites (examples/eras)', () => {
  it('is the file scripts/era-files.ts writes, and loads with every check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eras-'));
    try {
      execFileSync('npx', ['tsx', join(__dirname, '..', '..', 'scripts', 'era-files.ts'), dir]);
      for (const era of BUILTIN_VARIANT_NAMES) {
        expect(readFileSync(join(ERAS, `${era}.json`), 'utf8'), era).toBe(readFileSync(join(dir, `${era}.json`), 'utf8'));
        const v = loadVariantFile(join(ERAS, `${era}.json`));
        expect(Object.values(v.locks).flat(), era).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('judges as the era does: every cell\'s verdict, shortest length and distinct states (data=writeback; data=ordered, with jbd2, for 5.15)', () => {
    for (const era of BUILTIN_VARIANT_NAMES) {
      const file = loadVariantFile(join(ERAS, `${era}.json`));
      const mounts = era === 'ext4-5.15' ? (['data=ordered', 'data=writeback'] as const) : (['data=writeback'] as const);
      for (const mount of mounts) expect(cells(file, mount), `${era} ${mount}`).toEqual(cells(builtinVariant(era), mount));
    }
  });

  it('judges as the era does with writes from and reads into a mapping of foo, the fault sites in them included (4.5, 5.15)', () => {
    const buffered = (v: Variant) => exploreCells({
      variant: v, blocksPerPage: 1, pages: 1, mount: 'data=writeback', ops: ['write', 'read', 'mmapRead'], threads: 2, userBuffers: true, claims: CLAIM_NAMES, maxStates: 5_000_000,
    }).map((c) => `${c.claim} ${c.verdict} ${c.shortestSteps ?? '-'} ${c.states}`);
    for (const era of ['ext4-4.5', 'ext4-5.15']) expect(buffered(loadVariantFile(join(ERAS, `${era}.json`))), era).toEqual(buffered(builtinVariant(era)));
  });

  it('would not with a range cut short: 5.15 with read.create over the block lookup alone', () => {
    const raw = JSON.parse(readFileSync(join(ERAS, 'ext4-5.15.json'), 'utf8'));
    raw.name = 'ext4-5.15-short-region';
    raw.regions[0] = { ...raw.regions[0], from: 'ext4_map_blocks', to: 'ext4_map_blocks' };
    expect(cells(resolveVariant(raw), 'data=ordered')).not.toEqual(cells(builtinVariant('ext4-5.15'), 'data=ordered'));
  });
});
