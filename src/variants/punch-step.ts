import { isLockName, type LockMode } from '../model/locks';
import { LOCK_STEP_ALIASES, PUNCH_ACTIONS, type PunchAction } from './variant';

/** A parsed punch step: one of the kernel actions, or a lock taken or dropped. */
export type PunchStep =
  | { readonly kind: 'action'; readonly action: PunchAction }
  | { readonly kind: 'lock'; readonly lock: string; readonly mode: LockMode; readonly acquire: boolean };

const LOCK_STEP = /^(down|up)_(read|write)\(([a-z_][a-z0-9_]*)\)$/;
const MUTEX_STEP = /^mutex_(lock|unlock)\(([a-z_][a-z0-9_]*)\)$/;

/**
 * Parse a punch step name, or return the reason it is not one. `isLock`
 * says which names are locks: the built-ins, and a variant's own.
 */
export function parsePunchStep(name: string, isLock: (lock: string) => boolean = isLockName): PunchStep | string {
  if ((PUNCH_ACTIONS as readonly string[]).includes(name)) return { kind: 'action', action: name as PunchAction };
  const full = LOCK_STEP_ALIASES[name] ?? name;
  const rw = LOCK_STEP.exec(full);
  const mutex = MUTEX_STEP.exec(full);
  if (rw === null && mutex === null) {
    return `unknown punch step "${name}" (known: ${PUNCH_ACTIONS.join(', ')}, ${Object.keys(LOCK_STEP_ALIASES).join(', ')}, down_read(L), down_write(L), up_read(L), up_write(L), mutex_lock(L), mutex_unlock(L))`;
  }
  const lock = rw !== null ? rw[3] : mutex![2];
  if (!isLock(lock)) return `unknown lock "${lock}" in punch step "${name}"`;
  if (rw !== null) return { kind: 'lock', lock, mode: rw[2] === 'read' ? 'shared' : 'exclusive', acquire: rw[1] === 'down' };
  return { kind: 'lock', lock, mode: 'exclusive', acquire: mutex![1] === 'lock' };
}
