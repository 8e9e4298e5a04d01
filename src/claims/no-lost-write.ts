import type { Claim } from './claim';
import {
  BUF_DELAYED, G, HOLE, type Layout, PG_BUFFERS, PG_CACHED, PG_DIRTY, PRED_STARTED, T_ARG0, T_ARG1, T_OP, T_PRED,
} from '../model/layout';
import type { Model } from '../model/model';
import { describeTag } from '../model/describe-tag';
import { readableBlock } from '../model/extents';
import { buffer, pageData, pageFlags } from '../model/page-cache';
import { FOO_WRITE_OPS } from '../model/ops';
import { userThreadsFinished } from '../model/step';
import type { State } from '../model/state';
import { TAG_FOO_OLD, TAG_FOO_OLD_DIRTY, TAG_ZERO, threadTag } from '../model/tags';

/**
 * no-lost-write, as fsx states it (xfstests ltp/fsx.c keeps a good copy of
 * the file and checks what it reads against it): keep an
 * expected copy of foo; every write (write(2), a store through a mapping,
 * direct I/O) sets its blocks when it completes, and the punch zeroes its
 * range when it returns. Once every thread has finished and every dirty page
 * is written back, the disk must hold, in every block, inside the punched
 * range as well as outside, a value the copy allows: with concurrent
 * operations, that of any operation on the block that no other operation on
 * it started after (the real-time order of their intervals, read from the
 * threads' start ghosts), so where a write raced with the punch either
 * value is allowed; a block nothing wrote keeps its first value. It does
 * not judge a run that never finishes, or reads (the data claims do).
 */
export function noLostWrite(s: State, m: Model): string | null {
  const L = m.layout;
  if (!userThreadsFinished(s, m)) return null;
  for (let lblk = 0; lblk < L.fooBlocks; lblk++) {
    const got = contentAfterSync(s, L, lblk);
    const expected = lastValues(s, m, lblk);
    if (expected.some((e) => e.tag === got)) continue;
    // The write that was lost is named by its data: "the data of mmapWrite (thread 2)".
    const want = expected.map((e) => (e.thread === 0 ? 'zeros (the punch)' : describeTag(e.tag, s, m))).join(' or ');
    return `block ${lblk} of foo holds ${describeTag(got, s, m)} after every thread finished; the last write there left ${want}`;
  }
  return null;
}

/** What reading logical block lblk from disk gives once every dirty page has been written back. */
function contentAfterSync(s: State, L: Layout, lblk: number): number {
  const p = Math.floor(lblk / L.blocksPerPage);
  const i = lblk % L.blocksPerPage;
  const readable = readableBlock(s, L, lblk);
  const onDisk = readable === HOLE ? 0 : s[L.deviceData + readable];
  const flags = pageFlags(s, L, p);
  if ((flags & (PG_CACHED | PG_DIRTY)) !== (PG_CACHED | PG_DIRTY)) return onDisk;
  const buf = (flags & PG_BUFFERS) !== 0 ? buffer(s, L, p, i) : BUF_DELAYED;
  if (buf === BUF_DELAYED) return pageData(s, L, p, i); // writeback allocates a block and writes it
  if (buf < 0) return onDisk; // a clean buffer in a dirty page
  // Writeback writes the buffer's block: the file sees it only if that is still the file's block.
  return buf === s[L.fooMap + lblk] ? pageData(s, L, p, i) : onDisk;
}

/**
 * The values that may legally be last in lblk: those of the operations on it
 * (foo's writers of its page; the punch, when lblk is in its range) that no
 * other of them started after. Thread 0's value is zeros.
 */
function lastValues(s: State, m: Model, lblk: number): Array<{ thread: number; tag: number }> {
  const L = m.layout;
  const page = Math.floor(lblk / L.blocksPerPage);
  const punch = L.thread(0);
  const ops: number[] = [];
  if (lblk >= s[punch + T_ARG0] && lblk < s[punch + T_ARG1] && (s[punch + T_PRED] & PRED_STARTED) !== 0) ops.push(0);
  for (let i = 1; i < L.threads; i++) {
    const t = L.thread(i);
    if (FOO_WRITE_OPS.has(s[t + T_OP]) && s[t + T_ARG0] === page && (s[t + T_PRED] & PRED_STARTED) !== 0) ops.push(i);
  }
  if (ops.length === 0) return [{ thread: -1, tag: initialValue(s, L, lblk) }];
  // An operation is followed when another started after it had finished (that one's start ghost has its bit).
  const followed = (w: number) => ops.some((v) => v !== w && (s[L.thread(v) + T_PRED] & (1 << w)) !== 0);
  return ops.filter((w) => !followed(w)).map((w) => ({ thread: w, tag: w === 0 ? TAG_ZERO : threadTag(w) }));
}

/** What lblk held before the scenario: a dirty page's data, zeros over a hole, or foo's old data. */
function initialValue(s: State, L: Layout, lblk: number): number {
  if ((s[G.INITIALLY_DIRTY_PAGES] & (1 << Math.floor(lblk / L.blocksPerPage))) !== 0) return TAG_FOO_OLD_DIRTY;
  return (s[G.INITIAL_HOLES] & (1 << lblk)) !== 0 ? TAG_ZERO : TAG_FOO_OLD;
}

/** no-lost-write: once every thread finished and every dirty page is written back, every block of foo on disk holds a value some write or the punch allows (fsx's good copy). */
export const NO_LOST_WRITE: Claim = {
  name: 'no-lost-write',
  doc: "once every thread finished and every dirty page is written back, every block of foo on disk holds a value some write or the punch allows (fsx's good copy)",
  check: noLostWrite,
  needs: [],
  evidence: { what: 'every thread finished', seen: userThreadsFinished },
};
