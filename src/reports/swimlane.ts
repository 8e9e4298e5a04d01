import pc from 'picocolors';
import { stateLines } from './describe-state';
import type { Timeline } from './timeline';

/** Widest a lane gets; longer step names are cut with an ellipsis. */
const MAX_LANE = 30;

/**
 * The case as a swimlane for the terminal, like the race diagrams of a
 * mailing list: a column per thread, a row per step with its name in its
 * thread's column and what it changed on the right; the violating step
 * marked, and the claim's explanation under it. With `withState`, the page
 * cache, extent maps and block owners after each step, indented under it.
 */
export function swimlane(t: Timeline, opts: { colour: boolean; withState: boolean }): string {
  const c = opts.colour ? pc : pc.createColors(false);
  const widths = t.lanes.map((lane) => Math.min(MAX_LANE, Math.max(lane.label.length, ...t.steps.filter((s) => s.thread === lane.thread).map((s) => s.name.length))));
  const cell = (text: string, w: number) => (text.length > w ? `${text.slice(0, w - 1)}…` : text.padEnd(w));
  const out = [
    c.bold(t.title),
    t.setting,
    '',
    `     ${t.lanes.map((lane, k) => c.bold(cell(lane.label, widths[k]))).join(' │ ')} │ what changed`,
    `     ${widths.map((w) => '─'.repeat(w)).join('─┼─')}─┼─${'─'.repeat(12)}`,
  ];
  if (opts.withState) out.push(...stateLines(t.initial).map((l) => c.dim(`       ${l}`)));
  for (const s of t.steps) {
    const bad = t.violation?.step === s.step;
    const lanes = t.lanes.map((lane, k) => cell(lane.thread === s.thread ? s.name : '', widths[k])).join(' │ ');
    const line = `${bad ? '✗' : ' '}${String(s.step).padStart(3)} ${lanes} │ ${s.changes.join('; ')}`;
    out.push(bad ? c.red(line) : line);
    if (opts.withState) out.push(...stateLines(s.after).map((l) => c.dim(`       ${l}`)));
  }
  out.push('');
  if (t.violation) {
    out.push(c.red(`✗ step ${t.violation.step}: ${t.violation.claim} violated: ${t.violation.message}`));
  } else {
    out.push(c.yellow(`the schedule ran to its end and ${t.claim} held: this case no longer reproduces on this model`));
  }
  return `${out.join('\n')}\n`;
}
