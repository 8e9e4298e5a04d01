import { describe, expect, it } from 'vitest';
import { whyUnsearchable } from '../../src/arbitraries/why-unsearchable';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { CLAIMS } from '../../src/claims/index';
import { CONCURRENT_OPS } from '../../src/model/ops';

describe('the claim records', () => {
  it('every claim is filed under its own name, in the order the reports show them, with a one-line doc', () => {
    expect(Object.keys(CLAIMS)).toEqual([...CLAIM_NAMES]);
    for (const [name, claim] of Object.entries(CLAIMS)) {
      expect(claim.name).toBe(name);
      expect(claim.doc.length).toBeGreaterThan(20);
      expect(claim.doc).not.toContain('\n');
    }
  });

  it('what each claim needs decides which cells cannot fail (whyUnsearchable)', () => {
    for (const name of CLAIM_NAMES) expect(whyUnsearchable(name, CONCURRENT_OPS, 3), name).toBeNull();
    const withoutBar = CONCURRENT_OPS.filter((op) => op !== 'barWrite');
    expect(whyUnsearchable('bar-never-overwritten-by-foo', withoutBar, 3)).toBe('bar-never-overwritten-by-foo needs barWrite, which --ops leaves out');
    expect(whyUnsearchable('no-foreign-data-exposed', withoutBar, 3)).toContain('needs barWrite');
    expect(whyUnsearchable('no-foreign-data-exposed', CONCURRENT_OPS, 1)).toContain('needs 2 threads beside the punch');
    expect(whyUnsearchable('no-stale-data-after-fallocate', ['writeback', 'barWrite'], 3)).toBe(
      'no-stale-data-after-fallocate needs one of read, mmapRead, dioRead, which --ops leaves out',
    );
    // The claims that need nothing can fail with any one operation, or none.
    for (const name of ['no-page-maps-freed-block', 'no-lost-write', 'no-deadlock'] as const) expect(whyUnsearchable(name, [], 0), name).toBeNull();
  });

  it('only the claims whose future a state can decide offer the searches a shortcut', () => {
    const withStillBreakable = CLAIM_NAMES.filter((c) => CLAIMS[c].stillBreakable !== undefined);
    expect(withStillBreakable).toEqual(['no-stale-data-after-fallocate', 'bar-never-overwritten-by-foo']);
    expect(CLAIM_NAMES.filter((c) => CLAIMS[c].decidedBy !== undefined)).toEqual(['no-stale-data-after-fallocate']);
  });
});
