import { TAG_FOO_OLD, TAG_FOO_OLD_DIRTY, TAG_ZERO, threadTag } from '../model/tags';
import { describeOp, type OpSequence, threadOf } from './op-sequence';

/** A block whose bytes are not all alike: no single tag wrote it. */
export const MIXED = -1;

/**
 * What one side saw: the data each read returned (a tag per block of its
 * page), and foo's and bar's contents once everything is on disk (a tag
 * per block). `failed` says why a side could not run the sequence to its
 * end (the model stuck, a command refused).
 */
export interface Observation {
  /** Indexed like the sequence's operations; null where the operation returns no data. */
  readonly reads: ReadonlyArray<readonly number[] | null>;
  readonly foo: readonly number[];
  readonly bar: readonly number[];
  readonly failed: string | null;
}

/** Whose data a tag is, in the sequence's words: "zeros", "foo's old data", "the data of op 3 (write page 1)". */
export function describeTag(seq: OpSequence, tag: number): string {
  if (tag === TAG_ZERO) return 'zeros';
  if (tag === TAG_FOO_OLD) return "foo's old data";
  if (tag === TAG_FOO_OLD_DIRTY) return "foo's old dirty data";
  if (tag === MIXED) return 'mixed bytes';
  const k = threadOf(seq).findIndex((t, i) => seq.ops[i].op !== 'punch' && threadTag(t) === tag);
  return k < 0 ? `unknown byte 0x${tag.toString(16)}` : `the data of op ${k + 1} (${describeOp(seq, seq.ops[k])})`;
}

/**
 * Where the two sides differ, one line each; empty when they agree. A side
 * that failed differs from one that did not; two that failed agree only
 * when nothing else differs.
 */
export function disagreements(seq: OpSequence, model: Observation, real: Observation): string[] {
  const out: string[] = [];
  if ((model.failed === null) !== (real.failed === null)) {
    out.push(`model ${model.failed ?? 'ran to the end'}; kernel ${real.failed ?? 'ran to the end'}`);
    return out;
  }
  seq.ops.forEach((o, k) => {
    const [a, b] = [model.reads[k], real.reads[k]];
    if (a === null || b === null || sameTags(a, b)) return;
    out.push(`op ${k + 1} (${describeOp(seq, o)}) read: model ${tags(seq, a)}; kernel ${tags(seq, b)}`);
  });
  if (!sameTags(model.foo, real.foo)) out.push(`foo on disk: model ${tags(seq, model.foo)}; kernel ${tags(seq, real.foo)}`);
  if (!sameTags(model.bar, real.bar)) out.push(`bar on disk: model ${tags(seq, model.bar)}; kernel ${tags(seq, real.bar)}`);
  return out;
}

function sameTags(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Block by block: "[foo's old data, zeros]". */
function tags(seq: OpSequence, ts: readonly number[]): string {
  return `[${ts.map((t) => describeTag(seq, t)).join(', ')}]`;
}
