import type { ClaimName } from '../claims/claim';
import type { ConcurrentOp } from '../model/ops';

/**
 * Operations without which a claim cannot fail, whatever the schedule: each
 * entry is a set of which the scenario needs at least one thread. The hunt
 * always draws one of each, so no run is spent on a scenario that cannot
 * fail; this prunes the search, it does not steer the model.
 *
 * - bar-never-overwritten-by-foo: without barWrite no block belongs to bar.
 * - no-foreign-data-exposed: bar must write, and a read must return data.
 * - no-stale-data-after-fallocate: only a read, fault or direct I/O read is judged.
 */
export const NECESSARY_OPS: { readonly [K in ClaimName]: ReadonlyArray<readonly ConcurrentOp[]> } = {
  'no-page-maps-freed-block': [],
  'no-stale-data-after-fallocate': [['read', 'mmapRead', 'dioRead']],
  'bar-never-overwritten-by-foo': [['barWrite']],
  'no-foreign-data-exposed': [['barWrite'], ['read', 'mmapRead', 'dioRead']],
  'no-lost-write': [],
  'no-deadlock': [],
};
