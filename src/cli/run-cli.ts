import { printable, UserError } from '../files/user-error';
import { type CommandHelp, formatHelp, HelpRequested } from './help';

/**
 * Run `read` (a script's option parsing at load time): `--help` prints the
 * help and exits 0; a user's mistake is one line and exit 2, as in runCli.
 */
export function orExit<T>(name: string, help: CommandHelp, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(formatHelp(name, help, e.declared));
      process.exit(0);
    }
    if (!(e instanceof UserError)) throw e;
    process.stderr.write(`${name}: ${e.message}\n`);
    process.exit(2);
  }
}

/**
 * Run a command's main: a user's mistake prints one line on stderr and
 * exits 2, without a stack trace; anything else is a harness bug and is
 * left to crash loudly.
 */
export async function runCli(name: string, main: () => Promise<void> | void, help?: CommandHelp): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof HelpRequested && help !== undefined) {
      process.stdout.write(formatHelp(name, help, e.declared));
      return;
    }
    if (e instanceof UserError) {
      process.stderr.write(`${name}: ${e.message}\n`);
      process.exit(2);
    }
    if (e instanceof Error && e.name === 'ModelError') {
      // A lock released by a thread that does not hold it (model/lock-ownership.ts): what the variant made a path do.
      process.stderr.write(`${name}: ${printable(e.message)}\n`);
      process.exit(2);
    }
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      // node:util parseArgs: an unknown option, a missing value, a stray argument.
      process.stderr.write(`${name}: (arguments): ${printable((e as Error).message.split('\n')[0])}\n`);
      process.exit(2);
    }
    throw e;
  }
}
