import { isLockName, type LockMode, type LockName } from '../model/locks';
import { LOCK_STEP_ALIASES, PUNCH_ACTIONS, type PunchAction } from './variant';

/** A parsed punch step: one of the kernel actions, or a lock taken or dropped. */
export type PunchStep =
  | { readonly kind: 'action'; readonly action: PunchAction }
  | { readonly kind: 'lock'; readonly lock: LockName; readonly mode: LockMode; readonly acquire: boolean };

const LOCK_STEP = /^(down|up)_(read|write)\(([a-z_]+)\)$/;

/** Parse a punch step name, or return the reason it is not one. */
export function parsePunchStep(name: string): PunchStep | string {
  if ((PUNCH_ACTIONS as readonly string[]).includes(name)) return { kind: 'action', action: name as PunchAction };
  const m = LOCK_STEP.exec(LOCK_STEP_ALIASES[name] ?? name);
  if (m === null) {
    return `unknown punch step "${name}" (known: ${PUNCH_ACTIONS.join(', ')}, ${Object.keys(LOCK_STEP_ALIASES).join(', ')}, down_read(L), down_write(L), up_read(L), up_write(L))`;
  }
  const [, dir, rw, lock] = m;
  if (!isLockName(lock)) return `unknown lock "${lock}" in punch step "${name}"`;
  return { kind: 'lock', lock, mode: rw === 'read' ? 'shared' : 'exclusive', acquire: dir === 'down' };
}
