import type { Model } from '../model/model';
import { isEnabled, isFinished, nextStep } from '../model/step';
import type { State } from '../model/state';

/**
 * no-deadlock: there is never a state in which some thread has not finished
 * and no thread can take a step. It does not look for livelock (threads that
 * keep stepping without progress) or starvation.
 */
export function noDeadlock(s: State, m: Model): string | null {
  const waiting: string[] = [];
  for (let i = 0; i < m.layout.threads; i++) {
    if (isFinished(s, m, i)) continue;
    if (isEnabled(s, m, i)) return null;
    waiting.push(`thread ${i} in ${nextStep(s, m, i)?.name}`);
  }
  return waiting.length === 0 ? null : `no thread can move: ${waiting.join(', ')}`;
}
