import { describe, expect, it } from 'vitest';
import { fingerprint64, wordsFit } from '../../src/model/fingerprint';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { bfs } from '../../src/search/engine/bfs';
import { familyScenarios } from '../../src/search/explore/family';
import { kernelSystem } from '../../src/search/kernel/kernel-system';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { builtinVariant } from '../../src/variants/resolve-variant';

describe('the 64-bit fingerprint', () => {
  it('reads each word as 16 signed bits: what wordsFit accepts', () => {
    expect(wordsFit([0, 1, -1, -2, 0x7fff, -0x8000])).toBe(true);
    expect(wordsFit([0x8000])).toBe(false);
    expect(wordsFit([-0x8001])).toBe(false);
    expect(wordsFit([1.5])).toBe(false);
    // 0x10001 and 1 hash alike: the reason for the check.
    const a = new Uint32Array(2);
    const b = new Uint32Array(2);
    fingerprint64([0x10001, 0], a);
    fingerprint64([1, 0], b);
    expect([...a]).toEqual([...b]);
  });

  // Whole families, not their first states: readahead's masks once reached past 16 bits only deep in a run (a pending bio).
  it('every state of whole two-page families of the built-in eras fits (a debug check of the model)', () => {
    let checked = 0;
    const families = [
      ...BUILTIN_VARIANT_NAMES.map((variant) => ({ variant, mount: 'data=writeback' as const, blocksPerPage: 1 as const })),
      { variant: 'ext4-5.15', mount: 'data=ordered' as const, blocksPerPage: 2 as const },
    ];
    for (const { variant: v, mount, blocksPerPage } of families) {
      const sys = kernelSystem(builtinVariant(v), familyScenarios({ variant: v, blocksPerPage, pages: 2, mount, ops: CONCURRENT_OPS, threads: 1 }), ['no-deadlock']);
      const broken = sys.broken;
      sys.broken = (s, c) => {
        checked++;
        if (!wordsFit(s)) throw new Error(`${v} ${mount} B=${blocksPerPage}: a state word does not fit in 16 bits: ${JSON.stringify(s)}`);
        return broken(s, c);
      };
      expect(bfs(sys, { pruning: false }).complete).toBe(true);
    }
    expect(checked).toBeGreaterThan(2_000_000);
  }, 120_000);

  it('any one word changed changes the fingerprint', () => {
    const base = Array.from({ length: 41 }, (_, i) => (i * 37) % 200 - 2);
    const f = new Uint32Array(2);
    fingerprint64(base, f);
    const g = new Uint32Array(2);
    for (let i = 0; i < base.length; i++) {
      for (const d of [1, -1, 300]) {
        const s = [...base];
        s[i] += d;
        fingerprint64(s, g);
        expect(g[0] !== f[0] || g[1] !== f[1], `word ${i} ${d}`).toBe(true);
      }
    }
  });
});
