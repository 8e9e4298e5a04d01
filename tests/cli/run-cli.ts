import { spawnSync } from 'node:child_process';
import { type Command } from '../../src/cli/command';
import { UserError } from '../../src/files/user-error';

/** Run one of the commands as a user would, without colour. */
export function cli(script: string, args: readonly string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/punch-hunt.ts', script, ...args], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The line a command's parse refuses `argv` with, in this process: what
 * its bin prints after "NAME: " before it exits 2 (src/cli/command.ts runs
 * parse first and turns a UserError into that line). Spawning a command
 * costs a second of loading, so the long lists of bad inputs go through
 * here and a few of each through the real process. Fails if parse accepts.
 */
export function refusalLine<P>(command: Command<P>, argv: readonly string[]): string {
  try {
    command.parse(argv);
  } catch (e) {
    if (e instanceof UserError) return e.message;
    throw e;
  }
  throw new Error(`${command.name} ${argv.join(' ')}: accepted`);
}
