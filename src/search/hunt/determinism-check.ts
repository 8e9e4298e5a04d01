import { fingerprint } from '../../model/fingerprint';
import type { Model } from '../../model/model';
import { cloneState, type State } from '../../model/state';
import { isEnabled, nextStep, takeStep } from '../../model/step';

/** The first step at which two replays of one schedule parted. */
export interface Divergence {
  /** 1 for the first step. */
  readonly step: number;
  readonly thread: number;
  readonly stepName: string;
  readonly message: string;
}

/** What one replay saw: the fingerprint after each step (-1: the thread could not move) and each step's name. */
function replay(m: Model, s0: State, schedule: readonly number[]): { prints: number[]; names: string[] } {
  const s = cloneState(s0);
  const prints: number[] = [];
  const names: string[] = [];
  for (const t of schedule) {
    if (!isEnabled(s, m, t)) {
      prints.push(-1);
      names.push(nextStep(s, m, t)?.name ?? '(finished)');
      continue;
    }
    names.push(takeStep(s, m, t).name);
    prints.push(fingerprint(s));
  }
  return { prints, names };
}

/** Spin until the wall clock shows another millisecond, so a step that reads the clock reads another time. */
function letTheClockMove(): void {
  const t = Date.now();
  while (Date.now() === t) {
    // busy-wait at most a millisecond; outside the model, which never reads the clock
  }
}

/**
 * The determinism self-check, after Shuttle's uncontrolled-nondeterminism
 * scheduler: replay a counterexample's schedule twice (the second after the
 * clock has moved on) and compare the state fingerprints step by step. The
 * model must be a function of state and schedule alone; a difference means
 * a step reads something else (Math.random, the clock, a global), which is
 * a harness bug: reported with the first step where the replays part.
 */
export function checkDeterminism(m: Model, s0: State, schedule: readonly number[]): Divergence | null {
  const a = replay(m, s0, schedule);
  letTheClockMove();
  const b = replay(m, s0, schedule);
  const k = a.prints.findIndex((f, i) => f !== b.prints[i]);
  if (k < 0) return null;
  const what = a.prints[k] === -1 || b.prints[k] === -1 ? 'the thread could move in one replay and not in the other' : 'the states after it differ';
  return {
    step: k + 1, thread: schedule[k], stepName: a.names[k],
    message: `harness bug: two replays of one schedule part at step ${k + 1} (thread ${schedule[k]}, ${a.names[k]}): ${what}`,
  };
}
