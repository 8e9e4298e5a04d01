import type { ClaimCheck, ClaimName, History } from '../claims/claim';
import { CLAIMS } from '../claims/index';
import { PROGRAM_OPS, type OpName } from '../model/ops';
import type { Model } from '../model/model';
import { cloneState, type State } from '../model/state';
import { isEnabled, takeStep, userThreadsFinished } from '../model/step';
import { T_OP } from '../model/layout';
import { replayScheduler } from '../schedulers/replay';
import type { Scheduler } from '../schedulers/scheduler';
import { describeChanges } from './describe-changes';

export interface TraceEvent {
  /** 1 for the first step. */
  readonly step: number;
  readonly thread: number;
  readonly op: OpName;
  readonly name: string;
  readonly changes: readonly string[];
}

export interface Violation {
  readonly claim: ClaimName;
  /** The step after which the claim failed; 0 for the initial state. */
  readonly step: number;
  readonly thread: number | null;
  readonly stepName: string | null;
  readonly message: string;
}

export interface RunOptions {
  /** Claims to check after every step; default all. */
  readonly claims?: readonly ClaimName[];
  /** Record what each step changed (slower); default false. */
  readonly trace?: boolean;
  /** A scheduled thread that cannot move is an error instead of being replaced; default false. */
  readonly strict?: boolean;
  /** Stop after this many steps; default 10,000. */
  readonly maxSteps?: number;
}

export interface RunResult {
  /** The thread that took each step: the schedule as executed, replayable with strict. */
  readonly schedule: number[];
  readonly trace: TraceEvent[];
  readonly violation: Violation | null;
  /** Every thread ran to its end (but the daemons, which never end). */
  readonly finished: boolean;
  /** No thread could move while some had not finished (reported as a violation when no-deadlock is checked). */
  readonly stuck: boolean;
  readonly final: State;
}

/**
 * Run from `initial` under a scheduler, or under an explicit schedule whose
 * entry k names the thread that takes step k+1 (see replayScheduler: a
 * thread that cannot move is replaced by the next that can, or rejected
 * when strict; past the end the run is non-preemptive). Claims are
 * checked on the initial state and after every step; the run stops at the
 * first violation. Same model, state and schedule: same result, always.
 */
export function run(model: Model, initial: State, schedule: readonly number[] | Scheduler, opts: RunOptions = {}): RunResult {
  const notes: string[] = [];
  const m: Model = opts.trace ? { ...model, note: (line) => notes.push(line) } : model;
  const scheduler = Array.isArray(schedule) ? replayScheduler(schedule, opts.strict === true) : (schedule as Scheduler);
  const s = cloneState(initial);
  const n = m.layout.threads;
  const canRun = (i: number) => isEnabled(s, m, i);
  const checks = (opts.claims ?? (Object.keys(CLAIMS) as ClaimName[])).map((name) => [name, CLAIMS[name].check] as const);
  const maxSteps = opts.maxSteps ?? 10_000;
  const ownerSince = new Map<number, number>();
  const owners = s.slice(m.layout.deviceOwner, m.layout.deviceOwner + m.layout.deviceBlocks);
  const history: History = { ownerSince: (b) => ownerSince.get(b) };
  const executed: number[] = [];
  const trace: TraceEvent[] = [];
  let last = 0;
  let violation = checkAll(s, m, checks, history, 0, null, null);
  let stuck = false;

  for (let step = 1; violation === null && step <= maxSteps; step++) {
    if (allFinished(s, m)) break;
    const thread = scheduler.next(step, last, n, canRun);
    if (thread < 0) {
      stuck = true;
      break;
    }
    const before = opts.trace ? cloneState(s) : null;
    notes.length = 0;
    const taken = takeStep(s, m, thread);
    executed.push(thread);
    last = thread;
    noteOwners(owners, s, m, step, ownerSince);
    if (before) {
      trace.push({ step, thread, op: PROGRAM_OPS[s[m.layout.thread(thread) + T_OP]], name: taken.name, changes: [...notes, ...describeChanges(before, s, m)] });
    }
    violation = checkAll(s, m, checks, history, step, thread, taken.name);
  }
  return { schedule: executed, trace, violation, finished: allFinished(s, m), stuck, final: s };
}

/** Every thread but the daemons has finished (a daemon only waits for more work). */
function allFinished(s: State, m: Model): boolean {
  return userThreadsFinished(s, m);
}

/** Remember the step at which each block got its current owner, for "which bar owns since step 7". */
function noteOwners(owners: number[], s: State, m: Model, step: number, ownerSince: Map<number, number>): void {
  const base = m.layout.deviceOwner;
  for (let b = 0; b < owners.length; b++) {
    if (owners[b] !== s[base + b]) {
      owners[b] = s[base + b];
      ownerSince.set(b, step);
    }
  }
}

function checkAll(
  s: State, m: Model, checks: ReadonlyArray<readonly [ClaimName, ClaimCheck]>, history: History,
  step: number, thread: number | null, stepName: string | null,
): Violation | null {
  for (const [claim, check] of checks) {
    const message = check(s, m, history);
    if (message !== null) return { claim, step, thread, stepName, message };
  }
  return null;
}
