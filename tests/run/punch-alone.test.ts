import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { runScenario } from '../../src/run/run-scenario';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { scenario } from '../helpers';

// With no race and nothing cached there is nothing to get wrong: a model that breaks a claim
// here is wrong, whatever the variant.
describe.each(BUILTIN_VARIANT_NAMES)('%s, the punch alone on an uncached file', (variant) => {
  it.each([
    [1, 'data=writeback'], [1, 'data=ordered'], [2, 'data=writeback'], [2, 'data=ordered'],
  ] as const)('holds every claim with %i block(s) a page, %s mount', (blocksPerPage, mount) => {
    for (const punch of [{ start: 0, length: 1 }, { start: 1, length: blocksPerPage * 2 - 1 }, { start: 0, length: blocksPerPage * 2 }]) {
      const r = runScenario(scenario({ variant, blocksPerPage, mount, punch }), [], { claims: CLAIM_NAMES, trace: true });
      expect(r.violation).toBeNull();
      expect(r.finished).toBe(true);
      expect(r.trace.some((e) => e.name === 'ext4_ext_rm_leaf')).toBe(true);
    }
  });
});
