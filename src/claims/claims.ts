import { barNeverOverwrittenByFoo, fooDeviceWriteStillPossible } from './bar-never-overwritten-by-foo';
import type { ClaimCheck, ClaimName } from './claim';
import { noDeadlock } from './no-deadlock';
import { noForeignDataExposed } from './no-foreign-data-exposed';
import { noLostWrite } from './no-lost-write';
import { noPageMapsFreedBlock } from './no-page-maps-freed-block';
import { noStaleDataAfterFallocate, STALE_DATA_DECIDED_BY, staleReadStillPossible } from './no-stale-data-after-fallocate';
import type { Model } from '../model/model';
import type { State } from '../model/state';

/** Every claim by name, in the order the reports show them. */
export const CLAIMS: { readonly [K in ClaimName]: ClaimCheck } = {
  'no-page-maps-freed-block': noPageMapsFreedBlock,
  'no-stale-data-after-fallocate': noStaleDataAfterFallocate,
  'bar-never-overwritten-by-foo': barNeverOverwrittenByFoo,
  'no-foreign-data-exposed': noForeignDataExposed,
  'no-lost-write': noLostWrite,
  'no-deadlock': noDeadlock,
};

/** False once no interleaving from a state (where the claim holds) can break the claim. */
export type StillBreakable = (s: State, m: Model) => boolean;

/**
 * The claims whose future is decided before the run ends, with the test of
 * it. A search for one claim's violation stops expanding a state the test
 * rules out: its shortest violation and verdict stay the same, and it visits
 * fewer states (tests/search/still-breakable.test.ts). The explorer, which
 * checks every claim at once, does not use it.
 */
export const STILL_BREAKABLE: ReadonlyMap<ClaimCheck, StillBreakable> = new Map([
  [noStaleDataAfterFallocate, staleReadStillPossible],
  [barNeverOverwrittenByFoo, fooDeviceWriteStillPossible],
]);

/**
 * The claims whose verdict, and STILL_BREAKABLE test, only the steps of
 * some operations can change, with those operations (by OP). A search for
 * one of these claims tests a state reached by another operation's step as
 * its parent was tested: holding, and still breakable
 * (tests/claims/decided-by.test.ts checks the sets step by step).
 */
export const DECIDED_BY: ReadonlyMap<ClaimCheck, ReadonlySet<number>> = new Map([
  [noStaleDataAfterFallocate, STALE_DATA_DECIDED_BY],
]);
