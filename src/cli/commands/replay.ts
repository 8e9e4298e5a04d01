import pc from 'picocolors';
import { type LoadedCase, loadCase } from '../../cases/load-case';
import { replayCase } from '../../cases/replay-case';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { printable, UserError } from '../../files/user-error';

const USAGE = 'usage: npx punch-hunt replay FILE [--json]';

export interface ReplayPlan {
  readonly loaded: LoadedCase;
  readonly json: boolean;
}

/**
 * `npm run replay -- FILE [--json]`: replay one shrunk case on its variant
 * and say what the replay produced, never what the file claims. Exit 0 when
 * the claim fails at the recorded step with the recorded explanation, 1 when
 * it does not (or explains it otherwise: a mismatch, both shown), 2 on a
 * missing or malformed file.
 */
export const replayCommand: Command<ReplayPlan> = {
  name: 'replay',
  help: {
    summary: 'replay one shrunk case on its variant and say what the replay produced',
    usage: 'npx punch-hunt replay FILE [--json]   (alias: npm run replay -- FILE [--json])',
    options: { json: 'one JSON object on stdout' },
    example: 'npx punch-hunt replay shrunk-cases/ext4-3.11/no-page-maps-freed-block/88c6e92bc447.json',
  },
  parse(argv) {
    const { values, positionals } = parseOptions(argv, { json: { type: 'boolean', default: false } }, true);
    if (positionals.length !== 1) throw new UserError('(arguments)', 'FILE', USAGE);
    return { loaded: loadCase(positionals[0]), json: values.json };
  },
  run({ loaded, json }) {
    const o = replayCase(loaded);
    if (json) {
      process.stdout.write(`${JSON.stringify({ reproduced: o.reproduced, verdict: o.verdict, claim: o.claim, steps: o.steps, message: o.message })}\n`);
    } else if (o.verdict === 'reproduced') {
      process.stdout.write(pc.green(`reproduced ${o.claim} in ${o.steps} steps: ${printable(o.message!)}\n`));
    } else if (o.verdict === 'mismatch') {
      process.stdout.write(pc.red(`mismatch: ${o.claim} fails at step ${o.steps}, but the replay says "${printable(o.message!)}" where the file says "${printable(loaded.data.violation.message)}"\n`));
    } else {
      process.stdout.write(pc.red(`did not reproduce ${o.claim} (ran ${o.steps} steps${o.message === null ? '' : `; the replay says: ${printable(o.message)}`})\n`));
    }
    process.exitCode = o.reproduced ? 0 : 1;
  },
};
