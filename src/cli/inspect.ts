import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { loadCase } from '../cases/load-case';
import { timelineHtml } from '../reports/timeline-html';
import { swimlane } from '../reports/swimlane';
import { buildTimeline, type Timeline } from '../reports/timeline';
import { asUserError, runCli, UserError } from './user-error';

const USAGE = 'usage: npm run inspect -- FILE [--state] [--html OUT.html]';

/**
 * `npm run inspect -- FILE`: draw one shrunk case as a swimlane in the
 * terminal (`--state`: with the model state after every step), or as a
 * self-contained HTML timeline (`--html OUT.html`).
 */
void runCli('inspect', () => {
  const { values, positionals } = parseArgs({
    options: { state: { type: 'boolean', default: false }, html: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UserError('(arguments)', 'FILE', USAGE);
  const file = positionals[0];
  const loaded = loadCase(file);
  let timeline: Timeline;
  try {
    timeline = buildTimeline(loaded);
  } catch (e) {
    throw asUserError(e, file);
  }
  if (values.html === undefined) {
    process.stdout.write(swimlane(timeline, { colour: pc.isColorSupported, withState: values.state }));
    return;
  }
  const out = values.html;
  if (out === '' || out.endsWith('/')) throw new UserError('(arguments)', '--html', `not a file name: "${out}"`);
  if (!existsSync(dirname(out) || '.')) throw new UserError('(arguments)', '--html', `directory ${dirname(out)} does not exist`);
  // Written beside and renamed, so a failed write never leaves half a page.
  const temp = `${out}.${process.pid}.tmp`;
  writeFileSync(temp, timelineHtml(timeline, loaded.data.origin));
  renameSync(temp, out);
  process.stdout.write(`wrote ${out}\n`);
});
