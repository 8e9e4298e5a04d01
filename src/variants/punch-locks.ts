import _ from 'lodash';
import { isLockName, type LockMode } from '../model/locks';
import { parsePunchStep } from './punch-step';
import { VariantError } from './variant-error';

interface Held {
  readonly lock: string;
  readonly mode: LockMode;
  readonly at: number;
}

const modeWord = (mode: LockMode): string => (mode === 'shared' ? 'shared' : 'exclusive');
const releaseFor = (h: Held): string => `${h.mode === 'shared' ? 'up_read' : 'up_write'}(${h.lock})`;

/**
 * The punch's locks, checked when a variant file is loaded: every lock the
 * punch takes it releases, in the mode it took it, innermost first, and it
 * releases nothing it does not hold and takes nothing it already holds. A
 * punch that takes filemap_invalidate_lock and drops it with
 * up_read(invalidate_lock) would otherwise leave the lock held for ever:
 * every path that needs it blocks, and the claims about those paths hold
 * for want of anyone to break them. The first problem, naming the step, or
 * null. (The built-in mutants break these rules on purpose and are not
 * loaded from files; src/mutants.)
 */
export function punchLockProblem(punch: readonly string[], isLock: (lock: string) => boolean = isLockName): VariantError | null {
  const held: Held[] = [];
  for (let i = 0; i < punch.length; i++) {
    const step = parsePunchStep(punch[i], isLock);
    if (typeof step === 'string' || step.kind !== 'lock') continue;
    const { lock, mode } = step;
    const mine = _.findLast(held, (h) => h.lock === lock);
    if (step.acquire) {
      if (mine !== undefined) return new VariantError(`punch.${i}`, `"${punch[i]}" takes ${lock} again while the punch holds it (taken at punch.${mine.at})`);
      held.push({ lock, mode, at: i });
      continue;
    }
    if (mine === undefined) return new VariantError(`punch.${i}`, `"${punch[i]}" releases ${lock}, which the punch does not hold`);
    if (mine.mode !== mode) {
      return new VariantError(`punch.${i}`, `"${punch[i]}" releases ${lock} ${modeWord(mode)}, but punch.${mine.at} took it ${modeWord(mine.mode)}: release it with ${releaseFor(mine)}`);
    }
    const inner = held[held.length - 1];
    if (inner !== mine) {
      return new VariantError(`punch.${i}`, `"${punch[i]}" releases ${lock} while ${inner.lock}, taken after it at punch.${inner.at}, is held: release locks innermost first`);
    }
    held.pop();
  }
  const left = held[held.length - 1];
  return left === undefined ? null : new VariantError(`punch.${left.at}`, `"${punch[left.at]}" takes ${left.lock}, which the punch never releases: add ${releaseFor(left)}`);
}
