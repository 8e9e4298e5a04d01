import { T_ARG0, T_OP, T_PRED } from '../model/layout';
import type { Model } from '../model/model';
import { READ_OPS } from '../model/ops';
import { isFinished } from '../model/step';
import type { State } from '../model/state';

/** A finished read (read, mmapRead or dioRead): its thread, page, and the thread record. */
export interface FinishedRead {
  readonly thread: number;
  readonly page: number;
  readonly base: number;
  /** Bit mask of threads that had finished when this read started. */
  readonly pred: number;
}

/** Every read that has returned data to the user, in thread order. */
export function finishedReads(s: State, m: Model): FinishedRead[] {
  const reads: FinishedRead[] = [];
  for (let i = 1; i < m.layout.threads; i++) {
    const base = m.layout.thread(i);
    if (!READ_OPS.has(s[base + T_OP]) || !isFinished(s, m, i)) continue;
    reads.push({ thread: i, page: s[base + T_ARG0], base, pred: s[base + T_PRED] });
  }
  return reads;
}

/** The data tag a finished read returned for block i of its page. */
export function resultTag(s: State, m: Model, read: FinishedRead, i: number): number {
  return s[read.base + m.layout.threadResult + i];
}
