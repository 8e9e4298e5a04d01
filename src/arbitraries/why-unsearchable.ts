import type { ClaimName } from '../claims/claim';
import type { ConcurrentOp } from '../model/ops';
import { CLAIMS } from '../claims/index';

/**
 * Why `claim` cannot fail in scenarios drawn from `ops` with at most
 * `threads` threads beside the punch, in words; null when it can. A search
 * of such scenarios would report the claim as holding without having
 * tested it, so the commands refuse it or mark the cell "not searched".
 */
export function whyUnsearchable(claim: ClaimName, ops: readonly ConcurrentOp[], threads: number): string | null {
  const needs = CLAIMS[claim].needs;
  const missing = needs.find((set) => !set.some((op) => ops.includes(op)));
  if (missing !== undefined) return `${claim} needs ${missing.length === 1 ? missing[0] : `one of ${missing.join(', ')}`}, which --ops leaves out`;
  if (needs.length > threads) return `${claim} needs ${needs.length} threads beside the punch (${needs.map((s) => s.join('|')).join(' and ')}), and --threads allows ${threads}`;
  return null;
}
