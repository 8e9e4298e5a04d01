import type { Claim } from './claim';
import { PRED_STARTED, T_ARG0, T_ARG1, T_OP, T_PRED } from '../model/layout';
import type { Model } from '../model/model';
import { describeTag, opOf } from '../model/describe-tag';
import { FOO_WRITE_OPS, READ_OPS } from '../model/ops';
import { isFinished } from '../model/step';
import type { State } from '../model/state';
import { TAG_ZERO, tagThread } from '../model/tags';

/**
 * no-stale-data-after-fallocate: a read (read, fault, direct I/O) that starts
 * after the punch has returned gets zeros in the punched blocks, unless a
 * write of foo that had not completed when the punch started put its data
 * there. It does not judge reads that overlap the punch, nor readahead,
 * which returns nothing (a later read of its page is judged).
 */
export function noStaleDataAfterFallocate(s: State, m: Model): string | null {
  const L = m.layout;
  const punch = L.thread(0);
  const start = s[punch + T_ARG0];
  const end = s[punch + T_ARG1];
  const finishedBeforePunch = s[punch + T_PRED];
  // Checked on every state a search makes, so without allocating, and the cheapest test first.
  for (let r = 1; r < L.threads; r++) {
    const base = L.thread(r);
    if ((s[base + T_PRED] & 1) === 0) continue; // the punch had not returned when this thread started
    if (!READ_OPS.has(s[base + T_OP]) || !isFinished(s, m, r)) continue; // only a read that returned data is judged
    const page = s[base + T_ARG0];
    for (let i = 0; i < L.blocksPerPage; i++) {
      const lblk = page * L.blocksPerPage + i;
      if (lblk < start || lblk >= end) continue;
      const tag = s[base + L.threadResult + i];
      if (tag === TAG_ZERO || isLaterWriteOf(s, m, tag, page, finishedBeforePunch)) continue;
      return (
        `${opOf(s, m, r)} of page ${page} (thread ${r}) started after fallocate returned ` +
        `and got ${describeTag(tag, s, m)} in punched block ${lblk}`
      );
    }
  }
  return null;
}

/** Is the tag the data of a foo write to this page that had not completed when the punch started? */
function isLaterWriteOf(s: State, m: Model, tag: number, page: number, finishedBeforePunch: number): boolean {
  const writer = tagThread(tag);
  if (writer < 1 || writer >= m.layout.threads) return false;
  const w = m.layout.thread(writer);
  return FOO_WRITE_OPS.has(s[w + T_OP]) && s[w + T_ARG0] === page && (finishedBeforePunch & (1 << writer)) === 0;
}

/** Whether some read of a page the punch covers started after the punch returned and has finished: what the claim judges. */
export function staleReadJudged(s: State, m: Model): boolean {
  const L = m.layout;
  const punch = L.thread(0);
  for (let r = 1; r < L.threads; r++) {
    const base = L.thread(r);
    if ((s[base + T_PRED] & 1) === 0 || !READ_OPS.has(s[base + T_OP]) || !isFinished(s, m, r)) continue;
    const first = s[base + T_ARG0] * L.blocksPerPage;
    if (first + L.blocksPerPage > s[punch + T_ARG0] && first < s[punch + T_ARG1]) return true;
  }
  return false;
}

/**
 * The operations whose steps alone change the claim's verdict or
 * staleReadStillPossible: a read's. The verdict is judged on finished
 * reads, and a read's result and ghost are its own record, fixed once it
 * has finished; what else it asks (the punch's ghost, the writer of the
 * data it got) was fixed before the read could finish: the punch returned
 * before the read started, and the writer wrote before the read copied. So a
 * search need not test the claim after another thread's step.
 */
export const STALE_DATA_DECIDED_BY: ReadonlySet<number> = READ_OPS;

/**
 * Can the claim still break after this state, where it holds? Only a read
 * that starts after the punch returned is judged: its thread records at its
 * first step whether the punch had finished (takeStep). A finished read's
 * result, and what the claim makes of it, never change again. So once every
 * read has either started before the punch returned or finished (judged
 * clean here), no interleaving from this state breaks the claim, and a
 * search for a violation need not go on from it.
 */
export function staleReadStillPossible(s: State, m: Model): boolean {
  for (let i = 1; i < m.layout.threads; i++) {
    const t = m.layout.thread(i);
    if (!READ_OPS.has(s[t + T_OP]) || isFinished(s, m, i)) continue;
    const pred = s[t + T_PRED];
    if ((pred & PRED_STARTED) === 0 || (pred & 1) !== 0) return true; // not started yet, or started after the punch returned
  }
  return false;
}

/** no-stale-data-after-fallocate: a read that starts after the punch returned gets zeros in the punched blocks. */
export const NO_STALE_DATA_AFTER_FALLOCATE: Claim = {
  name: 'no-stale-data-after-fallocate',
  doc: 'a read that starts after the punch returned gets zeros in the punched blocks',
  check: noStaleDataAfterFallocate,
  stillBreakable: staleReadStillPossible,
  decidedBy: STALE_DATA_DECIDED_BY,
  evidence: { what: 'a read of a punched page that started after the punch returned finished', seen: staleReadJudged },
  needs: [['read', 'mmapRead', 'dioRead']],
};
