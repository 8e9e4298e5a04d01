import { pctStrategy } from './pct';
import { preemptionStrategy } from './preemption';
import { randomStrategy } from './random';
import type { Strategy, StrategyName } from './scheduler';

// Each strategy has its own plan type; the hunt only passes plans back to the strategy that made them.
export const STRATEGIES: { readonly [K in StrategyName]: Strategy<unknown> } = {
  random: randomStrategy as Strategy<unknown>,
  preemption: preemptionStrategy as Strategy<unknown>,
  pct: pctStrategy as Strategy<unknown>,
};
