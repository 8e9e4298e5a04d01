import type { Model } from '../model/model';
import type { State } from '../model/state';

export const CLAIM_NAMES = [
  'no-page-maps-freed-block',
  'no-stale-data-after-fallocate',
  'bar-never-overwritten-by-foo',
  'no-foreign-data-exposed',
  'no-lost-write',
  'no-deadlock',
] as const;
export type ClaimName = (typeof CLAIM_NAMES)[number];

export function isClaimName(name: string): name is ClaimName {
  return (CLAIM_NAMES as readonly string[]).includes(name);
}

/** What the runner knows beyond the state, for messages only: when a block got its current owner. */
export interface History {
  ownerSince(block: number): number | undefined;
}

/**
 * A claim is a pure function of the state (and the model's constants): null
 * when it holds, else a one-line explanation. It never changes the state.
 */
export type ClaimCheck = (s: State, m: Model, history?: History) => string | null;

export function sinceStep(history: History | undefined, block: number): string {
  const step = history?.ownerSince(block);
  return step === undefined ? '' : ` since step ${step}`;
}
