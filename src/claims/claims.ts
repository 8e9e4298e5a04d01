import { barNeverOverwrittenByFoo } from './bar-never-overwritten-by-foo';
import type { ClaimCheck, ClaimName } from './claim';
import { noDeadlock } from './no-deadlock';
import { noForeignDataExposed } from './no-foreign-data-exposed';
import { noLostWrite } from './no-lost-write';
import { noPageMapsFreedBlock } from './no-page-maps-freed-block';
import { noStaleDataAfterFallocate } from './no-stale-data-after-fallocate';

/** Every claim by name, in the order kernel-facts.md lists them. */
export const CLAIMS: { readonly [K in ClaimName]: ClaimCheck } = {
  'no-page-maps-freed-block': noPageMapsFreedBlock,
  'no-stale-data-after-fallocate': noStaleDataAfterFallocate,
  'bar-never-overwritten-by-foo': barNeverOverwrittenByFoo,
  'no-foreign-data-exposed': noForeignDataExposed,
  'no-lost-write': noLostWrite,
  'no-deadlock': noDeadlock,
};
