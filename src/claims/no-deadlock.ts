import type { Claim } from './claim';
import type { Model } from '../model/model';
import { isDaemon, isEnabled, isFinished, nextStep } from '../model/step';
import type { State } from '../model/state';

/**
 * no-deadlock: there is never a state in which some thread has not finished
 * and no thread can take a step. A daemon (jbd2's commit thread) never
 * finishes: it is not one of the threads waited for, but a state where it
 * can still move is not a deadlock. It does not look for livelock (threads
 * that keep stepping without progress) or starvation.
 */
export function noDeadlock(s: State, m: Model): string | null {
  const waiting: string[] = [];
  for (let i = 0; i < m.layout.threads; i++) {
    if (isEnabled(s, m, i)) return null;
    if (isFinished(s, m, i) || isDaemon(s, m, i)) continue;
    waiting.push(`thread ${i} in ${nextStep(s, m, i)?.name}`);
  }
  return waiting.length === 0 ? null : `no thread can move: ${waiting.join(', ')}`;
}

/** no-deadlock: there is never a state where an unfinished thread waits and no thread can move. */
export const NO_DEADLOCK: Claim = {
  name: 'no-deadlock',
  doc: 'there is never a state where an unfinished thread waits and no thread can move',
  check: noDeadlock,
  needs: [],
};
