import type { Variant } from '../variants/variant';
import { builtinVariant } from '../variants/resolve-variant';
import { initialState, modelFor } from './initial-state';
import { run, type RunOptions, type RunResult } from './runner';
import { checkScenario, type Scenario } from './scenario';

/**
 * Run one scenario under one schedule. The variant is the scenario's named
 * built-in unless a definition (a user's file) is given.
 */
export function runScenario(sc: Scenario, schedule: readonly number[], opts: RunOptions & { variant?: Variant } = {}): RunResult {
  checkScenario(sc);
  const variant = opts.variant ?? builtinVariant(sc.variant);
  const m = modelFor(sc, variant);
  return run(m, initialState(m, sc), schedule, opts);
}
