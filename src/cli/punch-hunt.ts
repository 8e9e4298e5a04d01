import pc from 'picocolors';
import { type Command, runCommand } from './command';
import { benchCommand, BENCHES } from './commands/bench';
import { discoverCommand } from './commands/discover';
import { exploreCommand } from './commands/explore';
import { huntCommand } from './commands/hunt';
import { inspectCommand } from './commands/inspect';
import { matrixCommand } from './commands/matrix';
import { mergeCommand } from './commands/merge';
import { mutantsCommand } from './commands/mutants';
import { oracleCommand } from './commands/oracle';
import { replayCommand } from './commands/replay';
import { traceCommand } from './commands/trace';
import { asksForHelp } from './help';
import { printable } from '../files/user-error';

/** Every subcommand, in the order the help lists them: the daily ones first. */
export const COMMANDS: ReadonlyArray<Command<unknown>> = [
  huntCommand, exploreCommand, mergeCommand, inspectCommand, replayCommand, traceCommand, matrixCommand, discoverCommand, mutantsCommand, oracleCommand, benchCommand,
] as Array<Command<unknown>>;

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'punch-hunt: hunt, explore and read races of ext4\'s punch hole against the page cache',
    '',
    'usage: npx punch-hunt COMMAND [options]   (or npm run COMMAND -- [options])',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.help.summary}`),
    '',
    `benchmarks (bench NAME): ${Object.keys(BENCHES).join(', ')}`,
    'Every command answers --help with its options and an example.',
    '',
  ].join('\n');
}

/** The bin: the first argument names the command, the rest is its command line. */
export async function main(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || (asksForHelp([name]) && rest.length === 0)) {
    process.stdout.write(overview());
    return;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    process.stderr.write(`punch-hunt: (arguments): no command "${printable(name)}"; ${pc.bold('npx punch-hunt --help')} lists them\n`);
    process.exitCode = 2;
    return;
  }
  await runCommand(command, rest);
}

void main(process.argv.slice(2));
