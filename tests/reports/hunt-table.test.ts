import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explorerLengths } from '../../src/reports/explorer-lengths';
import { huntTable, type HuntRow } from '../../src/reports/hunt-table';
import type { MixResult } from '../../src/search/hunt/hunt-mix';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { variantToFile } from '../../src/variants/variant-to-file';
import { loadVariantFile } from '../../src/variants/load-variant-file';

const found = (steps: number) => ({ found: true, shortestSteps: steps, shrunkSteps: steps }) as MixResult;
const row = (steps: number, explorerSteps: number | null): HuntRow => ({
  variant: 'ext4-3.15', mount: 'data=ordered', claim: 'no-stale-data-after-fallocate', blocksPerPage: 1, result: found(steps), explorerSteps,
});

describe('the hunt table beside the explorer\'s lengths', () => {
  it('stars a race shorter than the explorer\'s shortest and says why', () => {
    const text = huntTable([row(20, 29)], false);
    expect(text).toContain('20 steps*');
    expect(text).toContain('outside its bounds');
  });

  it('stars nothing at or above it, or where the explorer has no length', () => {
    for (const r of [row(29, 29), row(31, 29), row(20, null)]) {
      const text = huntTable([r], false);
      expect(text).not.toContain('*');
    }
  });

  it('reads the explorer\'s length of a built-in variant\'s cell, and none for a variant from a file (which cannot take a built-in\'s name)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lengths-'));
    const matrix = join(dir, 'explored.json');
    writeFileSync(matrix, JSON.stringify({ generatedBy: 'npm run matrix', bounds: { pages: 1, threads: 3, mounts: ['data=ordered'], maxStates: 100 }, cells: [
      { variant: 'ext4-3.15', mount: 'data=ordered', claim: 'no-stale-data-after-fallocate', blocksPerPage: 1, verdict: 'violated', states: 9, shortestSteps: 29, case: null },
      { variant: 'ext4-5.15', mount: 'data=ordered', claim: 'no-stale-data-after-fallocate', blocksPerPage: 1, verdict: 'held', states: 9, shortestSteps: null, case: null },
    ] }));
    const lengths = explorerLengths(matrix);
    expect(lengths(builtinVariant('ext4-3.15'), 'data=ordered', 'no-stale-data-after-fallocate', 1)).toBe(29);
    expect(lengths(builtinVariant('ext4-3.15'), 'data=writeback', 'no-stale-data-after-fallocate', 1)).toBeNull();
    expect(lengths(builtinVariant('ext4-3.15'), 'data=ordered', 'no-stale-data-after-fallocate', 2)).toBeNull();
    expect(lengths(builtinVariant('ext4-5.15'), 'data=ordered', 'no-stale-data-after-fallocate', 1)).toBeNull();
    const file = join(dir, 'v.json');
    writeFileSync(file, JSON.stringify(variantToFile(builtinVariant('ext4-3.15'))));
    expect(() => loadVariantFile(file)).toThrow('v.json: name: "ext4-3.15" is a built-in variant\'s name');
    writeFileSync(file, JSON.stringify({ ...variantToFile(builtinVariant('ext4-3.15')), name: 'my-3.15' }));
    expect(lengths(loadVariantFile(file), 'data=ordered', 'no-stale-data-after-fallocate', 1)).toBeNull();
    expect(explorerLengths(join(dir, 'missing.json'))(builtinVariant('ext4-3.15'), 'data=ordered', 'no-stale-data-after-fallocate', 1)).toBeNull();
  });
});
