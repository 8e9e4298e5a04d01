import type { ClaimName } from '../../claims/claim';
import type { State } from '../../model/state';
import type { Variant } from '../../variants/variant';
import type { RecipeSystem, SystemRecipe } from '../engine/system-recipe';
import { type FamilyBounds, familyScenarios } from './family';
import { Coverage, type CoverageCounts } from '../kernel/coverage';
import { kernelSystem } from '../kernel/kernel-system';

/** A family of the explorer as plain data, for a part of its search on another thread (engine/system-recipe.ts). */
export interface FamilyRecipe {
  readonly variant: Variant;
  readonly family: FamilyBounds;
  readonly claims: readonly ClaimName[];
}

export function familyRecipe(data: FamilyRecipe): SystemRecipe {
  return { module: import.meta.url, data };
}

/** The family's system with its coverage counted; the counts are what it reports at the end. */
export function recipeSystem(data: FamilyRecipe): RecipeSystem<State> {
  const coverage = new Coverage();
  // Every part walks the whole family for its starts: an iterable that starts over, not one generator.
  const scenarios = { [Symbol.iterator]: () => familyScenarios(data.family) };
  return { system: kernelSystem(data.variant, scenarios, data.claims, undefined, coverage), extras: (): CoverageCounts => coverage.counts() };
}
