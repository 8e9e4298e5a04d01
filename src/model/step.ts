import { LOCALS, PRED_STARTED, T_LOCAL, T_OP, T_PC, T_PRED } from './layout';
import { DAEMON_OPS, FOO_WRITE_OPS, OP, READ_OPS } from './ops';
import type { Model } from './model';
import type { State } from './state';
import type { Step } from './program';

/** Has thread i run its program to the end? */
export function isFinished(s: State, m: Model, i: number): boolean {
  const t = m.layout.thread(i);
  return s[t + T_PC] >= m.programs[s[t + T_OP]].steps.length;
}

/** Is thread i a daemon (jbd2's commit thread), which never finishes? */
export function isDaemon(s: State, m: Model, i: number): boolean {
  return DAEMON_OPS.has(s[m.layout.thread(i) + T_OP]);
}

/** Has every thread but the daemons run to its end? Then the run is over: a daemon only waits for work. */
export function userThreadsFinished(s: State, m: Model): boolean {
  for (let i = 0; i < m.layout.threads; i++) if (!isFinished(s, m, i) && !isDaemon(s, m, i)) return false;
  return true;
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
 * What thread i records at its first step, besides that it started: which
 * threads had finished by then, as far as a claim asks. The punch and foo's
 * writers record the ordered threads (the punch and foo's writers: which
 * writes completed before the punch, and which write came last); a read
 * records only whether the punch had returned (the reads no-stale-data
 * judges); any other thread nothing. Recording only what a claim reads keeps
 * states that no claim can tell apart equal.
 */
function finishedWhenStarting(s: State, m: Model, i: number): number {
  const op = s[m.layout.thread(i) + T_OP];
  const asks = i === 0 || FOO_WRITE_OPS.has(op) ? m.layout.threads : READ_OPS.has(op) ? 1 : 0;
  let mask = 0;
  for (let j = 0; j < asks; j++) {
    const t = m.layout.thread(j);
    const ordered = j === 0 || FOO_WRITE_OPS.has(s[t + T_OP]);
    if (ordered && s[t + T_PC] >= m.programs[s[t + T_OP]].steps.length) mask |= 1 << j;
  }
  return mask;
}

/**
 * Thread i takes its next step; the caller has checked isEnabled. On its
 * first step the thread records which threads had finished by then, as far
 * as a claim asks (the ghost the claims use for "started after" and
 * "completed before"). When it finishes, its locals are dead and are cleared, except
 * the block a barWrite got, which a claim reads.
 */
export function takeStep(s: State, m: Model, i: number): Step {
  const t = m.layout.thread(i);
  const pc = s[t + T_PC];
  const steps = m.programs[s[t + T_OP]].steps;
  const step = steps[pc];
  if ((s[t + T_PRED] & PRED_STARTED) === 0) s[t + T_PRED] = PRED_STARTED | finishedWhenStarting(s, m, i);
  if (step.queue?.(s, t, m)) return queuedStep(step);
  s[t + T_PC] = pc + 1;
  step.effect(s, t, m);
  if (s[t + T_PC] >= steps.length) {
    for (let k = s[t + T_OP] === OP.barWrite ? 1 : 0; k < LOCALS; k++) s[t + T_LOCAL + k] = 0;
  }
  return step;
}

const queuedSteps = new WeakMap<Step, Step>();

/** What a trace calls a step whose thread joined a lock's wait queue (Step.queue) instead of taking it. */
export function queuedStep(step: Step): Step {
  let q = queuedSteps.get(step);
  if (q === undefined) queuedSteps.set(step, (q = { ...step, name: `${step.name} (queued)` }));
  return q;
}
