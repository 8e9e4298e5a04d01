import type { Claim } from '../../claims/claim';
import { T_OP, T_PC } from '../../model/layout';
import { OP, OPS, PROGRAM_OPS, type OpName } from '../../model/ops';
import type { Model } from '../../model/model';
import type { Program } from '../../model/program';
import type { State } from '../../model/state';

/** Steps a program may have, for the table's stride (the longest built-in path has 17). */
const STRIDE = 256;

/**
 * How often each step of each program was taken in a search, and how often
 * a thread of each operation finished: TLC's action coverage, for the
 * model's paths. A step never taken in a family is a path the family never
 * exercised: a `held` that depends on it proves nothing (vacuity).
 */
export class Coverage {
  readonly taken = new Float64Array(PROGRAM_OPS.length * STRIDE);
  readonly finished = new Float64Array(PROGRAM_OPS.length);
  /** The claims whose evidence is looked for, and whether some state showed it yet. */
  private tracked: readonly Claim[] = [];
  private readonly seen: boolean[] = [];
  private unseen = 0;

  /** Look for these claims' evidence in every state made from now on. */
  track(claims: readonly Claim[]): void {
    this.tracked = claims;
    claims.forEach((c, k) => (this.seen[k] = c.evidence === undefined));
    this.unseen = this.seen.filter((x) => !x).length;
  }

  /** A new state: does it show the evidence some tracked claim still waits for? (Cheap once every claim has seen it.) */
  observe(s: State, m: Model): void {
    if (this.unseen === 0) return;
    for (let k = 0; k < this.tracked.length; k++) {
      if (this.seen[k] || !this.tracked[k].evidence!.seen(s, m)) continue;
      this.seen[k] = true;
      this.unseen--;
    }
  }

  /** Thread record t of s is about to take its step (op and pc before it). */
  step(s: State, t: number): void {
    this.taken[s[t + T_OP] * STRIDE + s[t + T_PC]]++;
  }

  /** A thread of `op` took its last step. */
  finish(op: number): void {
    this.finished[op]++;
  }

  /** The counts, as plain data (a part of a search on another thread sends them back). */
  counts(): CoverageCounts {
    return { taken: this.taken, finished: this.finished, seen: [...this.seen] };
  }

  /** Add another search's counts (of the same claims, tracked in the same order) to these. */
  add(c: CoverageCounts): void {
    c.taken.forEach((n, i) => (this.taken[i] += n));
    c.finished.forEach((n, i) => (this.finished[i] += n));
    c.seen.forEach((was, k) => {
      if (!was || this.seen[k]) return;
      this.seen[k] = true;
      this.unseen--;
    });
  }

  timesTaken(op: number, pc: number): number {
    return this.taken[op * STRIDE + pc];
  }

  /**
   * The rows of the table: per operation of `ops`, each step's name and
   * count, and how often the operation finished; then each program of a
   * user buffer (model/ops.ts PROGRAM_OPS) that some thread ran.
   */
  table(programs: readonly Program[], ops: readonly OpName[]): CoverageRow[] {
    const row = (op: number): CoverageRow => ({
      op: PROGRAM_OPS[op], ...(op >= OPS.length ? { label: `${PROGRAM_OPS[op]} (buffer in foo)` } : {}),
      finished: this.finished[op], steps: programs[op].steps.map((st, pc) => ({ name: st.name, taken: this.timesTaken(op, pc) })),
    });
    const ran = (op: number) => programs[op].steps.some((_st, pc) => this.timesTaken(op, pc) > 0);
    const extra = PROGRAM_OPS.map((_n, op) => op).filter((op) => op >= OPS.length && ops.includes(PROGRAM_OPS[op]) && ran(op));
    return [...ops.map((name) => row(OP[name])), ...extra.map(row)];
  }

  /**
   * Why a `held` for `claim` is vacuous, or []: no state of the search
   * showed what the claim judges (its evidence: a read after the punch
   * returned finished, every thread finished, ...), so nothing was proved.
   * The reasons name the evidence and the steps of the punch and of the
   * operations the claim needs that no interleaving took (an unbalanced
   * lock, say, that blocks a path for good).
   */
  unreached(claim: Claim, programs: readonly Program[], ops: readonly OpName[]): string[] {
    const k = this.tracked.indexOf(claim);
    if (claim.evidence === undefined || k < 0 || this.seen[k]) return [];
    const never = (name: OpName): string[] => {
      const op = OP[name];
      return programs[op].steps.flatMap((st, pc) => (this.timesTaken(op, pc) === 0 && !st.spare ? [`${name} ${st.name}`] : []));
    };
    const needed = claim.needs.flat().filter((op) => ops.includes(op));
    const steps = [...never('punch'), ...needed.flatMap(never)];
    return [`never: ${claim.evidence.what}`, ...(steps.length > 0 ? [`steps never taken: ${steps.join(', ')}`] : [])];
  }
}

export interface CoverageCounts {
  readonly taken: Float64Array;
  readonly finished: Float64Array;
  readonly seen: readonly boolean[];
}

export interface CoverageRow {
  readonly op: OpName;
  /** How the table names a program of a user buffer ("write (buffer in foo)"); the op's name otherwise. */
  readonly label?: string;
  readonly finished: number;
  readonly steps: ReadonlyArray<{ readonly name: string; readonly taken: number }>;
}
