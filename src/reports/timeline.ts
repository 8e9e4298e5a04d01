import type { LoadedCase } from '../cases/load-case';
import { initialState, modelFor } from '../run/initial-state';
import { run, type Violation } from '../run/runner';
import type { ThreadSpec } from '../run/scenario';
import { cloneState } from '../model/state';
import { takeStep } from '../model/step';
import { describeState, type StateView } from './describe-state';
import { isOrdered } from '../model/mount';

/** One case, replayed on the model, with everything the viewers draw. */
export interface Timeline {
  readonly title: string;
  readonly variant: string;
  /** The variant's own description (a user's file may say anything here). */
  readonly description: string;
  readonly claim: string;
  /** The scenario in one line: geometry, mount, cache, punch. */
  readonly setting: string;
  readonly lanes: ReadonlyArray<{ readonly thread: number; readonly label: string }>;
  readonly initial: StateView;
  readonly steps: ReadonlyArray<{
    readonly step: number;
    readonly thread: number;
    readonly name: string;
    readonly changes: readonly string[];
    readonly after: StateView;
  }>;
  readonly violation: Violation | null;
}

export function laneLabel(thread: number, t: ThreadSpec | null): string {
  if (t === null) return `T${thread} punch`;
  const where = t.op === 'readahead' ? ` pages ${t.page}..${(t.page ?? 0) + (t.count ?? 1) - 1}` : t.page !== undefined ? ` page ${t.page}` : '';
  const from = t.buffer === 'foo' ? ` ${t.op === 'read' ? 'into' : 'from'} foo page ${t.bufferPage ?? t.page}` : '';
  return `T${thread} ${t.op}${where}${from}`;
}

/**
 * Replay the case's schedule on its variant, recording the state after each
 * step. The trace is the model's, not the file's: a viewer shows what the
 * harness does with the case today.
 */
export function buildTimeline(c: LoadedCase): Timeline {
  const sc = c.scenario;
  const m = modelFor(sc, c.variant);
  const s0 = initialState(m, sc);
  const r = run(m, s0, c.data.schedule, { trace: true, strict: true, claims: [c.data.claim] });
  const steps = [];
  let s = s0;
  for (let k = 0; k < r.schedule.length; k++) {
    s = cloneState(s);
    takeStep(s, m, r.schedule[k]);
    const e = r.trace[k];
    steps.push({ step: e.step, thread: e.thread, name: e.name, changes: e.changes, after: describeState(s, m) });
  }
  const punch = `punch blocks ${sc.punch.start}..${sc.punch.start + sc.punch.length - 1}`;
  return {
    title: `${c.variant.name}: ${c.data.claim}`,
    variant: c.variant.name,
    description: c.variant.description,
    claim: c.data.claim,
    setting: `${sc.blocksPerPage} block(s) a page, ${sc.pages} page(s), ${sc.mount}, cache [${sc.cache.join(', ')}], ${punch}`,
    lanes: [
      { thread: 0, label: laneLabel(0, null) },
      ...sc.threads.map((t, i) => ({ thread: i + 1, label: laneLabel(i + 1, t) })),
      ...(isOrdered(sc.mount) ? [{ thread: sc.threads.length + 1, label: `T${sc.threads.length + 1} jbd2` }] : []),
    ],
    initial: describeState(s0, m),
    steps,
    violation: r.violation,
  };
}
