import pc from 'picocolors';
import { type LoadedCase, loadCase } from '../../cases/load-case';
import { checkOutputFile, type OutputRules, writeOutputFile } from '../../files/output-file';
import { swimlane } from '../../reports/swimlane';
import { timelineHtml } from '../../reports/timeline-html';
import { buildTimeline, type Timeline } from '../../reports/timeline';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { asUserError, UserError } from '../../files/user-error';

const USAGE = 'usage: npx punch-hunt inspect FILE [--state] [--html OUT.html [--force]]';

export interface InspectPlan {
  readonly loaded: LoadedCase;
  readonly withState: boolean;
  readonly html: { readonly path: string; readonly rules: OutputRules } | null;
}

/**
 * `npm run inspect -- FILE`: draw one shrunk case, as the model replays it
 * today, as a swimlane in the terminal (`--state`: with the model state after
 * every step), or as a self-contained HTML timeline (`--html OUT.html`; an
 * existing file is replaced only with --force, and never the case itself,
 * a directory or a device).
 */
export const inspectCommand: Command<InspectPlan> = {
  name: 'inspect',
  help: {
    summary: 'read a counterexample: the swimlane, the explanation, optionally every state, or an HTML page',
    usage: 'npx punch-hunt inspect FILE [options]   (alias: npm run inspect -- FILE [options])',
    options: { state: 'the state after every step', html: 'write a self-contained HTML viewer to this file', force: 'replace an existing --html file' },
    example: 'npx punch-hunt inspect shrunk-cases/ext4-3.11/no-page-maps-freed-block/88c6e92bc447.json --html /tmp/case.html',
  },
  parse(argv) {
    const { values, positionals } = parseOptions(argv, {
      state: { type: 'boolean', default: false }, html: { type: 'string' }, force: { type: 'boolean', default: false },
    }, true);
    if (positionals.length !== 1) throw new UserError('(arguments)', 'FILE', USAGE);
    const loaded = loadCase(positionals[0]);
    let html: InspectPlan['html'] = null;
    if (values.html !== undefined) {
      const rules = { flag: '--html', force: values.force, inputs: [positionals[0]] };
      checkOutputFile(values.html, rules);
      html = { path: values.html, rules };
    } else if (values.force) throw new UserError('(arguments)', '--force', 'only with --html');
    return { loaded, withState: values.state, html };
  },
  run(p) {
    let timeline: Timeline;
    try {
      timeline = buildTimeline(p.loaded);
    } catch (e) {
      throw asUserError(e, p.loaded.file);
    }
    if (p.html === null) {
      process.stdout.write(swimlane(timeline, { colour: pc.isColorSupported, withState: p.withState }));
      return;
    }
    writeOutputFile(p.html.path, timelineHtml(timeline, p.loaded.data.origin), p.html.rules);
    process.stdout.write(`wrote ${p.html.path}\n`);
  },
};
