import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { runScenario } from '../../src/run/run-scenario';
import { BUILTIN_VARIANT_NAMES } from '../../src/variants/builtin-variants';
import { scenario } from '../helpers';

// With no race and nothing cached there is nothing to get wrong: a model that breaks a claim
// here is wrong, whatever the variant.
describe.each(BUILTIN_VARIANT_NAMES)('%s, the punch alone on an uncached file', (variant) => {
  it.each([
    [1, 'immediate'], [1, 'after-commit'], [2, 'immediate'], [2, 'after-commit'],
  ] as const)('holds every claim with %i block(s) a page, %s reuse', (blocksPerPage, reuse) => {
    for (const punch of [{ start: 0, length: 1 }, { start: 1, length: blocksPerPage * 2 - 1 }, { start: 0, length: blocksPerPage * 2 }]) {
      const r = runScenario(scenario({ variant, blocksPerPage, reuse, punch }), [], { claims: CLAIM_NAMES, trace: true });
      expect(r.violation).toBeNull();
      expect(r.finished).toBe(true);
      expect(r.trace.some((e) => e.name === 'ext4_ext_remove_space')).toBe(true);
    }
  });
});
