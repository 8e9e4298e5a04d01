import { lockOrderProblem } from './lock-order';
import { isVariantLock } from './lock-table';
import { punchLockProblem } from './punch-locks';
import type { Variant } from './variant';
import type { VariantError } from './variant-error';

/**
 * What a variant file must satisfy beyond its schema before anything runs
 * on it: the punch releases what it takes (punch-locks.ts), and no two
 * places take locks in opposite orders (lock-order.ts). The first problem,
 * or null; `given` tells the fields the file itself gave (see lock-order.ts). Checked for files a user gives (load-variant-file.ts), not for
 * the mutants, which break these rules on purpose.
 */
export function variantProblem(v: Variant, given?: (field: string) => boolean): VariantError | null {
  return punchLockProblem(v.punch, (lock) => isVariantLock(v.newLocks, lock)) ?? lockOrderProblem(v, given);
}
