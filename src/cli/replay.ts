import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { loadCase } from '../cases/load-case';
import { replayCase } from '../cases/replay-case';
import { runCli, UserError } from './user-error';

const USAGE = 'usage: npm run replay -- FILE [--json]';

/**
 * `npm run replay -- FILE [--json]`: replay one shrunk case on its variant.
 * Exit 0 when it reproduces its recorded violation, 1 when it does not, 2 on
 * a missing or malformed file.
 */
void runCli('replay', () => {
  const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UserError('(arguments)', 'FILE', USAGE);
  const loaded = loadCase(positionals[0]);
  const outcome = replayCase(loaded);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ reproduced: outcome.reproduced, claim: outcome.claim, steps: outcome.steps })}\n`);
  } else if (outcome.reproduced) {
    process.stdout.write(pc.green(`reproduced ${outcome.claim} in ${outcome.steps} steps: ${loaded.data.violation.message}\n`));
  } else {
    process.stdout.write(pc.red(`did not reproduce ${outcome.claim} (ran ${outcome.steps} steps)\n`));
  }
  process.exitCode = outcome.reproduced ? 0 : 1;
});
