import type { Claim, ClaimName } from './claim';
import { BAR_NEVER_OVERWRITTEN_BY_FOO } from './bar-never-overwritten-by-foo';
import { NO_DEADLOCK } from './no-deadlock';
import { NO_FOREIGN_DATA_EXPOSED } from './no-foreign-data-exposed';
import { NO_LOST_WRITE } from './no-lost-write';
import { NO_PAGE_MAPS_FREED_BLOCK } from './no-page-maps-freed-block';
import { NO_STALE_DATA_AFTER_FALLOCATE } from './no-stale-data-after-fallocate';

/** Every claim by name, in the order the reports show them (CLAIM_NAMES). */
export const CLAIMS: { readonly [K in ClaimName]: Claim } = {
  'no-page-maps-freed-block': NO_PAGE_MAPS_FREED_BLOCK,
  'no-stale-data-after-fallocate': NO_STALE_DATA_AFTER_FALLOCATE,
  'bar-never-overwritten-by-foo': BAR_NEVER_OVERWRITTEN_BY_FOO,
  'no-foreign-data-exposed': NO_FOREIGN_DATA_EXPOSED,
  'no-lost-write': NO_LOST_WRITE,
  'no-deadlock': NO_DEADLOCK,
};
