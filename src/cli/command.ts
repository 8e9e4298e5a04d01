import { type CommandHelp, formatHelp, HelpRequested } from './help';
import { runCli } from './run-cli';

/**
 * A command in two halves: `parse` reads and checks everything the user
 * gave (options, input files, output paths and directories) and returns a
 * plan, throwing a UserError for any mistake before any work starts and
 * writing nothing but the output directories it prepares; `run` does the
 * work. The split lets the hostile-input tests try thousands of command
 * lines in one process, and keeps every check before the first second of
 * work.
 */
export interface Command<P> {
  readonly name: string;
  /** What --help prints (help.ts); the options it lists are the ones parse declares. */
  readonly help: CommandHelp;
  parse(argv: readonly string[]): P;
  run(plan: P): Promise<void> | void;
}

/** Run a command as its bin: one line and exit 2 for a user's mistake (runCli). */
export function runCommand<P>(c: Command<P>, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return runCli(c.name, async () => {
    let plan: P;
    try {
      plan = c.parse(argv);
    } catch (e) {
      if (!(e instanceof HelpRequested)) throw e;
      process.stdout.write(formatHelp(c.name, c.help, e.declared));
      return;
    }
    await c.run(plan);
  });
}
