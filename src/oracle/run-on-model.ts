import { readableBlock } from '../model/extents';
import { G, HOLE, T_OP } from '../model/layout';
import type { Model } from '../model/model';
import { READ_OPS } from '../model/ops';
import { isDaemon, isEnabled, isFinished, nextStep, takeStep } from '../model/step';
import type { State } from '../model/state';
import { writeOutPageNow } from '../paths/write-out-page';
import { initialState, modelFor } from '../run/initial-state';
import { checkScenario } from '../run/scenario';
import type { Variant } from '../variants/variant';
import type { Observation } from './observation';
import { type OpSequence, threadOf, toScenario } from './op-sequence';

/** A daemon is let run this many steps at most when its turn comes (jbd2 commits in two). */
const DAEMON_TURN = 16;

/**
 * Run a sequence on the model under the non-preemptive schedule it names:
 * each operation's thread runs to its end before the next starts (jbd2,
 * which never ends, until it has nothing to do). Then, as unmounting does,
 * every dirty page is written out (writeOutPageNow, the model's own
 * write-out), and foo and bar are read from the device. `patch` changes the
 * model (a planted bug, in tests). A thread that cannot move on its turn
 * (it waits for something no finished thread left behind) ends the run:
 * the kernel ran every such sequence to its end.
 */
export function runOnModel(seq: OpSequence, variant: Variant, patch: (m: Model) => Model = (m) => m): Observation {
  const sc = toScenario(seq, variant.name);
  checkScenario(sc);
  const m = patch(modelFor(sc, withDioreadNolock(variant, seq)));
  const s = initialState(m, sc);
  const threads = threadOf(seq);
  const reads: Array<number[] | null> = seq.ops.map(() => null);
  for (let k = 0; k < threads.length; k++) {
    const stuck = runTurn(s, m, threads[k]);
    if (stuck !== null) return { reads, foo: [], bar: [], failed: `stuck at op ${k + 1}: ${stuck}` };
    const base = m.layout.thread(threads[k]);
    if (READ_OPS.has(s[base + T_OP])) reads[k] = Array.from({ length: m.layout.blocksPerPage }, (_, i) => s[base + m.layout.threadResult + i]);
  }
  for (let p = 0; p < m.layout.pages; p++) writeOutPageNow(s, m, p, 0);
  return { reads, foo: fooOnDisk(s, m), bar: barOnDisk(s, m), failed: null };
}

/** The variant with the mount's dioread_nolock, when the mount names it. */
function withDioreadNolock(v: Variant, seq: OpSequence): Variant {
  const dnl = seq.mount.dioreadNolock;
  return dnl === undefined ? v : { ...v, dioreadNolock: dnl ? 'on' : 'off' };
}

/** Thread t's turn; the name of the step it is stuck at, or null once it has finished (a daemon: once it waits). */
function runTurn(s: State, m: Model, t: number): string | null {
  if (isDaemon(s, m, t)) {
    for (let n = 0; n < DAEMON_TURN && isEnabled(s, m, t); n++) takeStep(s, m, t);
    return null;
  }
  while (!isFinished(s, m, t)) {
    if (!isEnabled(s, m, t)) return nextStep(s, m, t)!.name;
    takeStep(s, m, t);
  }
  return null;
}

function fooOnDisk(s: State, m: Model): number[] {
  const L = m.layout;
  return Array.from({ length: L.fooBlocks }, (_, l) => {
    const blk = readableBlock(s, L, l);
    return blk === HOLE ? 0 : s[L.deviceData + blk];
  });
}

/** bar's blocks up to its size; a block never written is a hole (zeros). */
function barOnDisk(s: State, m: Model): number[] {
  const L = m.layout;
  return Array.from({ length: s[G.BAR_SIZE_BLOCKS] }, (_, l) => {
    const blk = s[L.barMap + l];
    return blk === HOLE ? 0 : s[L.deviceData + blk];
  });
}
