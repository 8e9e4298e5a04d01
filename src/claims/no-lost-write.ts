import {
  BUF_DELAYED, G, HOLE, type Layout, PG_BUFFERS, PG_CACHED, PG_DIRTY, PRED_STARTED, T_ARG0, T_ARG1, T_OP, T_PRED,
} from '../model/layout';
import type { Model } from '../model/model';
import { describeTag } from '../model/describe-tag';
import { readableBlock } from '../model/extents';
import { buffer, pageData, pageFlags } from '../model/page-cache';
import { FOO_WRITE_OPS } from '../model/ops';
import { isFinished } from '../model/step';
import type { State } from '../model/state';
import { TAG_FOO_OLD, TAG_FOO_OLD_DIRTY, threadTag } from '../model/tags';

/**
 * no-lost-write: once every thread has finished, writing back all dirty pages
 * and reading foo from disk gives, in every block outside the punched range,
 * the last value written there. fsx keeps an expected copy; with concurrent
 * writers "last" is every write that no other write to the block started
 * after (real-time order), and a block nobody wrote keeps its old data. It
 * does not judge the punched range (the stale-data claim does) or a run
 * that never finishes.
 */
export function noLostWrite(s: State, m: Model): string | null {
  const L = m.layout;
  for (let i = 0; i < L.threads; i++) if (!isFinished(s, m, i)) return null;
  const punch = L.thread(0);
  for (let lblk = 0; lblk < L.fooBlocks; lblk++) {
    if (lblk >= s[punch + T_ARG0] && lblk < s[punch + T_ARG1]) continue;
    const got = contentAfterSync(s, L, lblk);
    const expected = lastWrites(s, m, lblk);
    if (!expected.includes(got)) {
      const want = expected.map((tag) => describeTag(tag, s, m)).join(' or ');
      return `block ${lblk} of foo holds ${describeTag(got, s, m)} after every thread finished; the last write there left ${want}`;
    }
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

/** The tags that may legally be last in lblk: writes to it that no other write to it started after. */
function lastWrites(s: State, m: Model, lblk: number): number[] {
  const L = m.layout;
  const page = Math.floor(lblk / L.blocksPerPage);
  const writers: number[] = [];
  for (let i = 1; i < L.threads; i++) {
    const t = L.thread(i);
    if (FOO_WRITE_OPS.has(s[t + T_OP]) && s[t + T_ARG0] === page && (s[t + T_PRED] & PRED_STARTED) !== 0) writers.push(i);
  }
  if (writers.length === 0) {
    return [(s[G.INITIALLY_DIRTY_PAGES] & (1 << page)) !== 0 ? TAG_FOO_OLD_DIRTY : TAG_FOO_OLD];
  }
  const followed = (w: number) => writers.some((v) => v !== w && (s[L.thread(v) + T_PRED] & (1 << w)) !== 0);
  return writers.filter((w) => !followed(w)).map(threadTag);
}
