import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command';
import { benchCommand } from '../../src/cli/commands/bench';
import { discoverCommand } from '../../src/cli/commands/discover';
import { exploreCommand } from '../../src/cli/commands/explore';
import { huntCommand } from '../../src/cli/commands/hunt';
import { inspectCommand } from '../../src/cli/commands/inspect';
import { matrixCommand } from '../../src/cli/commands/matrix';
import { mutantsCommand } from '../../src/cli/commands/mutants';
import { oracleCommand } from '../../src/cli/commands/oracle';
import { replayCommand } from '../../src/cli/commands/replay';
import { traceCommand } from '../../src/cli/commands/trace';
import { formatHelp, HelpRequested } from '../../src/cli/help';
import { UserError } from '../../src/files/user-error';
import { run } from './hostile-world';

const COMMANDS = [huntCommand, exploreCommand, matrixCommand, discoverCommand, mutantsCommand, oracleCommand, replayCommand, traceCommand, inspectCommand] as Array<Command<unknown>>;

function helpOf(c: Command<unknown>, argv: string[] = ['--help']): { text: string; declared: string[] } {
  try {
    c.parse(argv);
  } catch (e) {
    if (e instanceof HelpRequested) return { text: formatHelp(c.name, c.help, e.declared), declared: Object.keys(e.declared) };
    throw e;
  }
  throw new Error(`${c.name} ${argv.join(' ')}: no help`);
}

describe('--help', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: every option it accepts, each with its meaning, the usage and an example', (name, c) => {
    const { text, declared } = helpOf(c);
    expect(declared.length).toBeGreaterThan(0);
    for (const flag of declared) expect(text, `${name} --${flag}`).toMatch(new RegExp(`^  --${flag}\\b`, 'm'));
    expect(text).not.toContain('(undocumented)');
    expect(text).toMatch(new RegExp(`^usage: npx punch-hunt ${name} .*\\(alias: npm run ${name}\\b`, 'm'));
    expect(text).toMatch(new RegExp(`^example: (sudo )?npx punch-hunt ${name} `, 'm'));
    // -h too, and help wins over a mistake elsewhere on the line.
    expect(helpOf(c, ['--frobnicate', '-h']).text).toBe(text);
  });

  it('a command without --help is not helped; after -- it is an argument, not a flag', () => {
    // replay's FILE is then "--help", which does not exist: a user error naming it, not help.
    expect(() => replayCommand.parse(['--', '--help'])).toThrow(UserError);
    expect(() => replayCommand.parse(['--', '--help'])).not.toThrow(HelpRequested);
  });

  it('as a process: exit 0, the help on stdout, nothing on stderr', () => {
    const r = run('explore', ['--help']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^explore: /);
    expect(r.out).toContain('--max-states VALUE');
  });
});

describe('the bin, punch-hunt', () => {
  const bin = (args: string[]) => {
    const r = spawnSync(process.execPath, ['bin/punch-hunt.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('--help lists every command, exit 0; an unknown command is one line and exit 2', () => {
    const r = bin(['--help']);
    expect(r.code).toBe(0);
    for (const c of [...COMMANDS, benchCommand]) expect(r.out).toMatch(new RegExp(`^  ${c.name} +\\S`, 'm'));
    const wrong = bin(['frobnicate']);
    expect(wrong.code).toBe(2);
    expect(wrong.out).toBe('');
    expect(wrong.err.trim().split('\n')).toHaveLength(1);
    expect(wrong.err).toContain('no command "frobnicate"');
  });

  it.each([...COMMANDS.map((c) => [c.name]), ['bench'], ['bench', 'hunt'], ['bench', 'explore'], ['bench', 'state']])('%s %s --help: usage and an example, exit 0', (...name) => {
    const r = bin([...name.filter((n) => n !== undefined), '--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^usage: npx punch-hunt /m);
    expect(r.out).toMatch(/^example: (sudo )?npx punch-hunt /m);
  });

  it('bench refuses a benchmark it does not have, naming the ones it has', () => {
    expect(() => benchCommand.parse(['fastest'])).toThrow('no benchmark "fastest": one of compare, hunt, explore, por, parallel, runner, state');
  });
});
