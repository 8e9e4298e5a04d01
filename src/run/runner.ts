import type { ClaimName, History } from '../claims/claim';
import { CLAIMS } from '../claims/claims';
import { OPS, type OpName } from '../model/ops';
import type { Model } from '../model/model';
import { cloneState, type State } from '../model/state';
import { isEnabled, isFinished, takeStep } from '../model/step';
import { T_OP } from '../model/layout';
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
  /** Every thread ran to its end. */
  readonly finished: boolean;
  /** No thread could move while some had not finished (reported as a violation when no-deadlock is checked). */
  readonly stuck: boolean;
  readonly final: State;
}

/** A schedule that names a thread that cannot take the step, in strict mode. */
export class ScheduleError extends Error {
  constructor(
    readonly index: number,
    readonly problem: string,
  ) {
    super(`schedule.${index}: ${problem}`);
  }
}

/**
 * Run from `initial` under `schedule`: entry k names the thread that takes
 * step k+1. A scheduled thread that is blocked or finished is replaced by the
 * next thread after it that can move (or rejected, when strict). Past the
 * end of the schedule the run is non-preemptive: the last thread goes on
 * while it can, else the lowest-numbered thread that can. Claims are
 * checked on the initial state and after every step; the run stops at the
 * first violation. Same model, state and schedule: same result, always.
 */
export function run(m: Model, initial: State, schedule: readonly number[], opts: RunOptions = {}): RunResult {
  const s = cloneState(initial);
  const checks = (opts.claims ?? (Object.keys(CLAIMS) as ClaimName[])).map((name) => [name, CLAIMS[name]] as const);
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
    const thread = pick(s, m, schedule, step - 1, last, opts.strict === true);
    if (thread < 0) {
      stuck = true;
      break;
    }
    const before = opts.trace ? cloneState(s) : null;
    const taken = takeStep(s, m, thread);
    executed.push(thread);
    last = thread;
    noteOwners(owners, s, m, step, ownerSince);
    if (before) {
      trace.push({ step, thread, op: OPS[s[m.layout.thread(thread) + T_OP]], name: taken.name, changes: describeChanges(before, s, m) });
    }
    violation = checkAll(s, m, checks, history, step, thread, taken.name);
  }
  return { schedule: executed, trace, violation, finished: allFinished(s, m), stuck, final: s };
}

function allFinished(s: State, m: Model): boolean {
  for (let i = 0; i < m.layout.threads; i++) if (!isFinished(s, m, i)) return false;
  return true;
}

function pick(s: State, m: Model, schedule: readonly number[], k: number, last: number, strict: boolean): number {
  const n = m.layout.threads;
  const want = k < schedule.length ? schedule[k] : last;
  if (strict && k < schedule.length) {
    if (!Number.isInteger(want) || want < 0 || want >= n) throw new ScheduleError(k, `thread ${want} does not exist (threads 0..${n - 1})`);
    if (!isEnabled(s, m, want)) throw new ScheduleError(k, `thread ${want} cannot take a step here`);
    return want;
  }
  if (k >= schedule.length) {
    if (isEnabled(s, m, last)) return last;
    for (let i = 0; i < n; i++) if (isEnabled(s, m, i)) return i;
    return -1;
  }
  const start = ((want % n) + n) % n;
  for (let d = 0; d < n; d++) {
    const i = (start + d) % n;
    if (isEnabled(s, m, i)) return i;
  }
  return -1;
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
  s: State, m: Model, checks: ReadonlyArray<readonly [ClaimName, (typeof CLAIMS)[ClaimName]]>, history: History,
  step: number, thread: number | null, stepName: string | null,
): Violation | null {
  for (const [claim, check] of checks) {
    const message = check(s, m, history);
    if (message !== null) return { claim, step, thread, stepName, message };
  }
  return null;
}
