import type { Model } from './model';
import type { OpName } from './ops';
import type { State } from './state';

/**
 * A path is a program of atomic steps, each a TLA+-style action: a guard
 * (may the thread take this step now?) and an effect. One step is one
 * preemption point. `t` is the offset of the thread's record in the state.
 *
 * Before an effect runs, the thread's pc already points at the next step;
 * an effect that branches calls jump().
 */
export type Guard = (s: State, t: number, m: Model) => boolean;
export type Effect = (s: State, t: number, m: Model) => void;

export interface Step {
  readonly name: string;
  readonly guard: Guard;
  readonly effect: Effect;
  /**
   * A lock region's way in or out for a jump that the path may never take
   * (src/paths/regions.ts): not counted as a step never taken when a
   * proof is vacuous.
   */
  readonly spare?: boolean;
  /**
   * A writer's take of an rwsem held shared (model/rwsem-queue.ts): when it
   * returns true the thread has joined the lock's wait queue and stays at
   * this step, and the effect does not run.
   */
  readonly queue?: (s: State, t: number, m: Model) => boolean;
}

export interface Program {
  readonly op: OpName;
  readonly steps: readonly Step[];
  /**
   * What the builder knew (src/paths/program.ts), for a variant's lock
   * regions (src/paths/regions.ts): the labels jumps go to (their pc read
   * when the jump is taken), and how many steps the main flow has before
   * the out-of-line blocks.
   */
  readonly labels?: ReadonlyArray<{ pc: number; readonly name: string }>;
  readonly mainLength?: number;
  /** Positions a region compares pcs with (its start, its release steps, its blocks): moved as labels are, but never jumped to. */
  readonly marks?: ReadonlyArray<{ pc: number; readonly name: string }>;
  /**
   * Each region placed so far: where its locks are taken, the position just
   * after its release steps, and its blocks of ways in and out (the first
   * step and how many), for the next region to tell whether those blocks lie
   * inside it or beside it.
   */
  readonly spans?: ReadonlyArray<RegionSpan>;
}

export interface RegionSpan {
  readonly take: { pc: number };
  readonly after: { pc: number };
  readonly blocks: { pc: number };
  readonly count: number;
}

