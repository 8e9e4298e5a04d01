import { extraGlobal } from '../model/layout';
import { BUILTIN_LOCK_ORDER, isLockName, LOCK_NAMES, LOCK_WORD, type LockInfo, type LockKind } from '../model/locks';
import type { NewLock, Variant } from './variant';

/**
 * Every lock of a variant with its state word: the built-ins at their
 * global words, then the variant's own, one word each after the globals
 * (model/layout.ts extraGlobal), in the order declared. Traces, the state
 * view and the swimlane name them from here (Model.locks).
 */
export function variantLocks(v: Pick<Variant, 'newLocks'>): LockInfo[] {
  return [
    ...LOCK_NAMES.map((name) => ({ name, kind: 'rwsem' as const, word: LOCK_WORD[name] })),
    ...v.newLocks.map((l, k) => ({ name: l.name, kind: l.kind, word: extraGlobal(k) })),
  ];
}

/** The lock named, of the built-ins or the variant's own; a missing name is a bug (the loader checked every use). */
export function lockOf(v: Pick<Variant, 'newLocks'>, name: string): LockInfo {
  const found = variantLocks(v).find((l) => l.name === name);
  if (found === undefined) throw new Error(`lock-table: no lock "${name}"`);
  return found;
}

/** Whether `name` is a lock of a variant with these own locks. */
export function isVariantLock(newLocks: readonly NewLock[], name: string): boolean {
  return isLockName(name) || newLocks.some((l) => l.name === name);
}

/** The kind of a lock of a variant with these own locks (a built-in is an rwsem). */
export function kindOf(newLocks: readonly NewLock[], name: string): LockKind {
  return newLocks.find((l) => l.name === name)?.kind ?? 'rwsem';
}

/** The variant's lock order, outermost first: the kernel's, with each of its own locks right after the one it names. */
export function lockOrder(newLocks: readonly NewLock[]): string[] {
  const order: string[] = [...BUILTIN_LOCK_ORDER];
  for (const l of newLocks) order.splice(order.indexOf(l.after) + 1, 0, l.name);
  return order;
}
