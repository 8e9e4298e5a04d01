import type { Model } from '../model/model';
import type { ConcurrentOp } from '../model/ops';
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

/** False once no interleaving from a state (where the claim holds) can break the claim. */
export type StillBreakable = (s: State, m: Model) => boolean;

/**
 * A claim, as the searches and the commands know it: the check, and what
 * a search may use to look at fewer states. Each lives in the file named
 * after it; claims/index.ts lists them.
 */
export interface Claim {
  readonly name: ClaimName;
  /** One line: what the claim says. Its check's comment says what it does not check. */
  readonly doc: string;
  readonly check: ClaimCheck;
  /**
   * Optional: false once no interleaving from a state can break the claim.
   * A search for this claim stops expanding such a state: its shortest
   * violation and verdict stay the same (tests/search/still-breakable.test.ts).
   */
  readonly stillBreakable?: StillBreakable;
  /**
   * Optional: the operations (by OP) whose steps alone can change the
   * verdict and the stillBreakable test. After another operation's step a
   * search takes the state to hold and be still breakable as its parent did
   * (tests/claims/decided-by.test.ts checks the sets step by step).
   */
  readonly decidedBy?: ReadonlySet<number>;
  /**
   * Operations without which the claim cannot fail, whatever the schedule:
   * sets of which a scenario needs at least one thread each. The hunt draws
   * one of each; the commands refuse, or mark "not searched", a cell whose
   * operations or threads leave one out.
   */
  readonly needs: ReadonlyArray<readonly ConcurrentOp[]>;
  /**
   * Optional: what must happen for the claim to judge anything, and a test
   * of a state for it. A search that proves the claim where no state ever
   * showed it proved nothing: its `held` is vacuous (src/search/kernel/coverage.ts).
   */
  readonly evidence?: Evidence;
}

export interface Evidence {
  /** In words, for the report: "a read that started after the punch returned finished". */
  readonly what: string;
  readonly seen: (s: State, m: Model) => boolean;
}
