import { LOCALS, PRED_STARTED, T_LOCAL, T_OP, T_PC, T_PRED } from './layout';
import { FOO_WRITE_OPS, OP } from './ops';
import type { Model } from './model';
import type { State } from './state';
import { FOOTPRINT_ALL, type Step } from '../paths/program';

/** Has thread i run its program to the end? */
export function isFinished(s: State, m: Model, i: number): boolean {
  const t = m.layout.thread(i);
  return s[t + T_PC] >= m.programs[s[t + T_OP]].steps.length;
}

/** Can thread i take its next step now? A thread whose guard fails is blocked, not spinning. */
export function isEnabled(s: State, m: Model, i: number): boolean {
  const t = m.layout.thread(i);
  const steps = m.programs[s[t + T_OP]].steps;
  const pc = s[t + T_PC];
  return pc < steps.length && steps[pc].guard(s, t, m);
}

/** The step thread i would take next, or undefined once it has finished. */
export function nextStep(s: State, m: Model, i: number): Step | undefined {
  const t = m.layout.thread(i);
  return m.programs[s[t + T_OP]].steps[s[t + T_PC]];
}

/**
 * What thread i's next step touches beyond its own record (Step.footprint).
 * A thread's first step also reads which threads have finished (the ghost
 * takeStep records), so it conflicts with everything.
 */
export function stepFootprint(s: State, m: Model, i: number): number {
  const t = m.layout.thread(i);
  if ((s[t + T_PRED] & PRED_STARTED) === 0) return FOOTPRINT_ALL;
  return m.programs[s[t + T_OP]].steps[s[t + T_PC]]?.footprint ?? FOOTPRINT_ALL;
}

/** Bit mask of the threads that have finished. */
export function finishedMask(s: State, m: Model): number {
  let mask = 0;
  for (let i = 0; i < m.layout.threads; i++) if (isFinished(s, m, i)) mask |= 1 << i;
  return mask;
}

/**
 * The threads whose finishing order a claim can ask about: the punch (reads
 * that start after it returned) and foo's writers (which write came last,
 * and which completed before the punch). Recording only these keeps states
 * that no claim can tell apart equal.
 */
function orderedThreads(s: State, m: Model): number {
  let mask = 1;
  for (let i = 1; i < m.layout.threads; i++) if (FOO_WRITE_OPS.has(s[m.layout.thread(i) + T_OP])) mask |= 1 << i;
  return mask;
}

/**
 * Thread i takes its next step; the caller has checked isEnabled. On its
 * first step the thread records which of the ordered threads had finished
 * by then (the ghost the claims use for "started after" and "completed
 * before"). When it finishes, its locals are dead and are cleared, except
 * the block a barWrite got, which a claim reads.
 */
export function takeStep(s: State, m: Model, i: number): Step {
  const t = m.layout.thread(i);
  const pc = s[t + T_PC];
  const steps = m.programs[s[t + T_OP]].steps;
  const step = steps[pc];
  if ((s[t + T_PRED] & PRED_STARTED) === 0) s[t + T_PRED] = PRED_STARTED | (finishedMask(s, m) & orderedThreads(s, m));
  s[t + T_PC] = pc + 1;
  step.effect(s, t, m);
  if (s[t + T_PC] >= steps.length) {
    for (let k = s[t + T_OP] === OP.barWrite ? 1 : 0; k < LOCALS; k++) s[t + T_LOCAL + k] = 0;
  }
  return step;
}
