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

/**
 * Why `claim` cannot fail in scenarios drawn from `ops` with at most
 * `threads` threads beside the punch, in words; null when it can. A search
 * of such scenarios would report the claim as holding without having
 * tested it, so the commands refuse it or mark the cell "not searched".
 */
export function whyUnsearchable(claim: ClaimName, ops: readonly ConcurrentOp[], threads: number): string | null {
  const needs = NECESSARY_OPS[claim];
  const missing = needs.find((set) => !set.some((op) => ops.includes(op)));
  if (missing !== undefined) return `${claim} needs ${missing.length === 1 ? missing[0] : `one of ${missing.join(', ')}`}, which --ops leaves out`;
  if (needs.length > threads) return `${claim} needs ${needs.length} threads beside the punch (${needs.map((s) => s.join('|')).join(' and ')}), and --threads allows ${threads}`;
  return null;
}
