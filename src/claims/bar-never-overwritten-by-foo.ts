import { G, T_LOCAL, T_OP } from '../model/layout';
import type { Model } from '../model/model';
import { describeTag, opOf } from '../model/describe-tag';
import { OP } from '../model/ops';
import { isFinished } from '../model/step';
import type { State } from '../model/state';
import { threadTag } from '../model/tags';
import { type History, sinceStep, type Claim } from './claim';

/**
 * bar-never-overwritten-by-foo: no device write issued for foo (writeback,
 * flush or direct I/O) lands in a block bar owns, and every completed write
 * of bar still holds its data. It does not check bar's page cache, which is
 * not modelled.
 */
export function barNeverOverwrittenByFoo(s: State, m: Model, history?: History): string | null {
  const L = m.layout;
  if (s[G.FOO_WROTE_BAR_BLOCK] !== 0) {
    const blk = s[G.FOO_WROTE_BAR_BLOCK] - 1;
    const by = s[G.FOO_WROTE_BAR_BY] - 1;
    const who = by === 0 ? 'the punch (filemap_write_and_wait_range)' : `${opOf(s, m, by)} (thread ${by})`;
    return `foo ${who} wrote block ${blk}, which bar owns${sinceStep(history, blk)}`;
  }
  for (let i = 1; i < L.threads; i++) {
    const t = L.thread(i);
    if (s[t + T_OP] !== OP.barWrite || !isFinished(s, m, i)) continue;
    const blk = s[t + T_LOCAL];
    if (blk < 0) continue; // ENOSPC: bar wrote nothing
    const tag = s[L.deviceData + blk];
    if (tag !== threadTag(i)) return `bar's write (thread ${i}) to block ${blk} is lost: the block holds ${describeTag(tag, s, m)}`;
  }
  return null;
}

/**
 * The operations that issue device writes for foo (fooDeviceWrite): the
 * punch's flush, writeback, and direct I/O (a direct write, and a direct
 * read's flush of a dirty page first).
 */
const FOO_DEVICE_WRITERS: ReadonlySet<number> = new Set([OP.punch, OP.writeback, OP.dioWrite, OP.dioRead]);

/**
 * Can the claim still break after this state, where it holds? Only a
 * device write for foo puts foo's data in a block bar owns (bar's blocks
 * are never freed, and bar's own writes go to blocks no other write of bar
 * holds). Once every thread that can issue one has finished, bar's blocks
 * keep what they hold, and no interleaving from here breaks the claim.
 */
export function fooDeviceWriteStillPossible(s: State, m: Model): boolean {
  for (let i = 0; i < m.layout.threads; i++) {
    if (FOO_DEVICE_WRITERS.has(s[m.layout.thread(i) + T_OP]) && !isFinished(s, m, i)) return true;
  }
  return false;
}

/** Whether some write of bar has finished: bar then owns a block foo could overwrite. */
function barOwnsABlock(s: State, m: Model): boolean {
  for (let i = 1; i < m.layout.threads; i++) if (s[m.layout.thread(i) + T_OP] === OP.barWrite && isFinished(s, m, i)) return true;
  return false;
}

/** bar-never-overwritten-by-foo: no device write issued for foo lands in a block of bar. */
export const BAR_NEVER_OVERWRITTEN_BY_FOO: Claim = {
  name: 'bar-never-overwritten-by-foo',
  doc: 'no device write issued for foo lands in a block of bar',
  check: barNeverOverwrittenByFoo,
  stillBreakable: fooDeviceWriteStillPossible,
  needs: [['barWrite']],
  evidence: { what: 'bar was given a block', seen: barOwnsABlock },
};
