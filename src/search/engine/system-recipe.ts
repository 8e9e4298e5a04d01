import type { System } from './system';

/**
 * How a worker thread makes the system it searches a part of: a module
 * (by URL) whose `recipeSystem` export builds it from `data`, which must be
 * plain data (it is copied to the thread). Functions cannot cross threads;
 * a recipe can.
 */
export interface SystemRecipe {
  readonly module: string;
  readonly data: unknown;
}

/** What a recipe module's `recipeSystem` gives: the system, and what it reports at the end of a search (plain data). */
export interface RecipeSystem<S> {
  readonly system: System<S>;
  extras(): unknown;
}

export async function systemOfRecipe(r: SystemRecipe): Promise<RecipeSystem<unknown>> {
  const mod = (await import(r.module)) as { recipeSystem?: (data: unknown) => RecipeSystem<unknown> };
  if (typeof mod.recipeSystem !== 'function') throw new Error(`system recipe: ${r.module} exports no recipeSystem`);
  return mod.recipeSystem(r.data);
}
