import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../src/cli/command';
import { discoverCommand } from '../src/cli/commands/discover';
import { exploreCommand } from '../src/cli/commands/explore';
import { huntCommand } from '../src/cli/commands/hunt';
import { inspectCommand } from '../src/cli/commands/inspect';
import { matrixCommand } from '../src/cli/commands/matrix';
import { mutantsCommand } from '../src/cli/commands/mutants';
import { oracleCommand } from '../src/cli/commands/oracle';
import { replayCommand } from '../src/cli/commands/replay';
import { traceCommand } from '../src/cli/commands/trace';
import { UNPRINTABLE as UNPRINTABLE_ALL, UserError } from '../src/files/user-error';
import { fingerprintOf, leftoverTemps, run, scratch } from '../tests/cli/hostile-world';
import { janKaraCaseFile, otherCaseFile } from '../tests/cli/jan-kara-case';

/**
 * Command lines tried by machine (issue 16): fast-check makes command lines
 * for every command from flags (known, misplaced and unknown), values
 * (numbers in hex, with exponents, signs, spaces and fractions, out of
 * range, names that are paths or options, lists with unknown or repeated
 * items, escape and bidirectional characters) and paths (a device, a FIFO,
 * /proc, a directory, a file in the way, a case file, the command's own
 * input, a file over the size limit, one with a `__proto__` key, a new
 * path), some at random and some as a hostile user would aim them, and runs
 * each command's checking half (Command.parse) in process. Each must either
 * accept the line or refuse it with a UserError: one line,
 * naming a file or "(arguments)" and a field, with no control character.
 * Nothing else may be thrown, and nothing may change: every path of the
 * pool stays as it was, no temporary file is left, and the repository is
 * untouched. An oracle written from the promises (mustRefuse) names lines
 * that must be refused: accepting one fails. A sample of the refused lines
 * goes through the real commands.
 */
/** One unprintable character (the exported pattern is global, for replacing). */
const UNPRINTABLE = new RegExp(UNPRINTABLE_ALL.source);
const SEED = 20_131_106;
const RUNS = 1_200;

const dir = scratch('command-lines');
const CASE = join(dir, 'case.json');
copyFileSync(janKaraCaseFile(), CASE);
const OTHER = join(dir, 'other.json');
copyFileSync(otherCaseFile(), OTHER);
const VARIANT = join(dir, 'variant.json');
copyFileSync('examples/no-dio-wait.json', VARIANT);
const DOTS = join(dir, 'dots.json');
writeFileSync(DOTS, JSON.stringify({ name: '..', extends: 'ext4-5.15' }));
const PROTO = join(dir, 'proto.json');
writeFileSync(PROTO, '{"name": "p", "extends": "ext4-5.15", "locks": {"__proto__": []}}');
const BIG = join(dir, 'big.json');
writeFileSync(BIG, '');
truncateSync(BIG, 17 * 1024 * 1024);
const FIFO = join(dir, 'fifo');
execFileSync('mkfifo', [FIFO]);
const SUBDIR = join(dir, 'subdir');
mkdirSync(SUBDIR);
const IN_THE_WAY = join(dir, 'file');
writeFileSync(IN_THE_WAY, 'mine');
const WATCHED = [CASE, OTHER, VARIANT, DOTS, PROTO, BIG, FIFO, SUBDIR, IN_THE_WAY, '/dev/null', '/dev/zero'];

const COMMANDS: Record<string, Command<unknown>> = {
  hunt: huntCommand, explore: exploreCommand, inspect: inspectCommand, replay: replayCommand, trace: traceCommand,
  matrix: matrixCommand, discover: discoverCommand, mutants: mutantsCommand, oracle: oracleCommand,
} as Record<string, Command<unknown>>;

/** Where outputs go unless a line names its own: never the committed corpus or result files. */
const SAFE_OUTPUTS: Record<string, string[]> = {
  hunt: ['--out', join(dir, 'out')], explore: ['--out', join(dir, 'out')],
  discover: ['--cases', join(dir, 'out'), '--out', join(dir, 'expected.json'), '--explored', join(dir, 'explored-in.json')],
  matrix: ['--out', join(dir, 'M.md'), '--json', join(dir, 'explored.json'), '--expected', join(dir, 'expected.json')],
};

const FLAGS = [
  '--variant', '--variant-file', '--claim', '--blocks-per-page', '--mount', '--ops', '--out', '--json', '--strategy', '--seed', '--budget-ms',
  '--runs', '--shard', '--jobs', '--pages', '--threads', '--max-states', '--max-memory-mb', '--reduction', '--html', '--force', '--state', '--strict',
  '--only', '--expected', '--explored', '--cases', '--max-disagreements', '--frobnicate', '-x', '--',
];
const NUMBERS = ['0', '1', '2', '3', '4', '-1', '0x10', '1e3', '', ' 5', '+5', '5.5', '99999999999999999999', '2147483648', '\u0661', '1/2', '3/2', '0/0', '2/3'];
const WORDS = [
  'ext4-5.15', 'ext4-3.11,ext4-3.11', 'ext4-9.99', '..', '-rf', 'read,write', 'read,fsync', 'barWrite', 'no-bugs', 'bar-never-overwritten-by-foo',
  'no-foreign-data-exposed,no-foreign-data-exposed', 'data=writeback', 'never', 'on', 'maybe', 'exhaustive,all', 'ext4-5.15--unchanged',
  '\u001b[31mred\u001b[0m', 'evil\u202etxt', 'a\nb',
];
const PATHS = [CASE, OTHER, VARIANT, DOTS, PROTO, BIG, FIFO, SUBDIR, IN_THE_WAY, '/dev/null', '/dev/zero', '/proc', '', `${dir}/new.html`, `${dir}/new/dir`,
  `${SUBDIR}/..`, join(IN_THE_WAY, 'below'), join(dir, 'missing.json')];

const value = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...PATHS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const token = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...FLAGS) }, { weight: 3, arbitrary: value });
/** A flag and a value: most lines give their options this way. */
const pair = fc.tuple(fc.constantFrom(...FLAGS), value);

/**
 * Lines a hostile user would try on purpose, each with random options
 * added: outputs onto inputs, devices, FIFOs and directories, outputs where
 * none can be written, inputs that are not files.
 */
const TARGETED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['inspect', [CASE, '--html', CASE, '--force']], ['inspect', [CASE, '--html', OTHER]], ['inspect', [CASE, '--html', '/dev/null', '--force']],
  ['inspect', [CASE, '--html', FIFO, '--force']], ['inspect', [CASE, '--html', SUBDIR, '--force']], ['inspect', [CASE, '--html', `${dir}/new.html`]],
  ['replay', ['/dev/zero']], ['replay', [FIFO]], ['trace', [BIG]], ['inspect', [SUBDIR]], ['replay', [CASE]],
  ['hunt', ['--out', '/proc']], ['hunt', ['--out', IN_THE_WAY]], ['explore', ['--out', '']], ['explore', ['--out', join(IN_THE_WAY, 'below')]],
  ['hunt', ['--variant-file', DOTS]], ['hunt', ['--variant-file', PROTO]], ['explore', ['--variant-file', FIFO]], ['hunt', ['--variant-file', VARIANT]],
  ['matrix', ['--out', CASE]], ['matrix', ['--out', IN_THE_WAY, '--force']], ['discover', ['--cases', '/proc']], ['discover', ['--out', OTHER]],
  ['hunt', ['--runs', '0x10']], ['explore', ['--max-states', '1e3']], ['hunt', ['--seed', '-1']], ['hunt', ['--ops', 'read,write', '--claim', 'bar-never-overwritten-by-foo']],
];

const commandLine = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    command: fc.constantFrom(...Object.keys(COMMANDS)),
    argv: fc.tuple(fc.option(fc.constantFrom(...PATHS), { freq: 2 }), fc.array(fc.oneof({ weight: 3, arbitrary: pair }, { weight: 1, arbitrary: token.map((t) => [t]) }), { maxLength: 5 }))
      .map(([positional, args]) => [...(positional === null ? [] : [positional]), ...args.flat()]),
  }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TARGETED), fc.array(pair, { maxLength: 2 })).map(([[command, argv], extra]) => ({ command, argv: [...argv, ...extra.flat()] })) },
);

function argvOf(line: { command: string; argv: string[] }): string[] {
  const argv = [...line.argv];
  const safe = SAFE_OUTPUTS[line.command] ?? [];
  for (let k = 0; k < safe.length; k += 2) if (!argv.includes(safe[k])) argv.push(safe[k], safe[k + 1]);
  return argv;
}

/** The value a line gives a flag (the last one given, as parseArgs takes it), if any. */
function valueOf(argv: readonly string[], flag: string): string | undefined {
  const k = argv.lastIndexOf(flag);
  return k >= 0 && k + 1 < argv.length ? argv[k + 1] : undefined;
}

const NUMERIC = ['--seed', '--budget-ms', '--runs', '--jobs', '--pages', '--threads', '--max-states', '--max-memory-mb', '--blocks-per-page', '--max-disagreements'];
const NOT_INPUTS = new Set(['/dev/zero', '/dev/null', FIFO, SUBDIR, BIG, '/proc', '', join(dir, 'missing.json'), join(IN_THE_WAY, 'below'), `${SUBDIR}/..`]);
const NOT_OUTPUT_DIRS = new Set([IN_THE_WAY, '/dev/null', '/dev/zero', FIFO, '/proc', '', join(IN_THE_WAY, 'below'), CASE, BIG]);

/**
 * The oracle: a reason the line must be refused, written from the promises
 * (not from the code), or null when it may be accepted. It is partial: a
 * line it lets pass may still be refused for other reasons.
 */
function mustRefuse(command: string, argv: readonly string[]): string | null {
  for (const flag of NUMERIC) {
    const v = valueOf(argv, flag);
    if (v !== undefined && !v.startsWith('-') && !/^\d+$/.test(v)) return `${flag} ${v} is not a decimal integer`;
  }
  const file = ['inspect', 'replay', 'trace'].includes(command) ? argv[0] : undefined;
  if (file !== undefined && NOT_INPUTS.has(file)) return `the input ${file} is not a regular file within the limit`;
  const html = command === 'inspect' ? valueOf(argv, '--html') : undefined;
  if (html !== undefined && file !== undefined && html === file) return '--html names the input';
  if (html !== undefined && [FIFO, SUBDIR, '/dev/null', '/dev/zero', '/proc', ''].includes(html)) return `--html ${html} is not a regular file`;
  if (html !== undefined && [OTHER, IN_THE_WAY, VARIANT].includes(html) && !argv.includes('--force')) return `--html ${html} exists and --force is not given`;
  for (const flag of ['--out', '--cases']) {
    const v = valueOf(argv, flag);
    if (['hunt', 'explore'].includes(command) && flag === '--out' && v !== undefined && NOT_OUTPUT_DIRS.has(v)) return `--out ${v} cannot be a directory of cases`;
    if (command === 'discover' && flag === '--cases' && v !== undefined && NOT_OUTPUT_DIRS.has(v)) return `--cases ${v} cannot be a directory of cases`;
  }
  const variantFile = ['hunt', 'explore'].includes(command) ? valueOf(argv, '--variant-file') : undefined;
  if (variantFile !== undefined && (NOT_INPUTS.has(variantFile) || [DOTS, PROTO].includes(variantFile))) return `--variant-file ${variantFile} is not a valid variant`;
  return null;
}

function repoState(): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' });
}

describe('hostile command lines, tried by machine', () => {
  const counts = { accepted: 0, refused: 0, mustRefuse: 0 };
  const samples: Array<{ command: string; argv: string[] }> = [];
  const before = WATCHED.map(fingerprintOf);
  const repo = repoState();

  it(`${RUNS} command lines: accepted, or refused in one line naming the file or "(arguments)" and the field; nothing else thrown, nothing changed`, () => {
    fc.assert(
      fc.property(commandLine, (line) => {
        const argv = argvOf(line);
        const refuse = mustRefuse(line.command, argv);
        if (refuse !== null) counts.mustRefuse++;
        let accepted = false;
        try {
          COMMANDS[line.command].parse(argv);
          accepted = true;
        } catch (e) {
          if (!(e instanceof UserError)) throw new Error(`${line.command} ${JSON.stringify(argv)}: not a user error: ${(e as Error).stack}`);
          expect(e.message.includes('\n')).toBe(false);
          expect(e.message).not.toMatch(UNPRINTABLE);
          expect(e.field.length).toBeGreaterThan(0);
          expect(e.file === '(arguments)' || e.file.length > 0).toBe(true);
          counts.refused++;
          if (samples.filter((s) => s.command === line.command).length < 2) samples.push({ command: line.command, argv });
        }
        if (accepted && refuse !== null) throw new Error(`${line.command} ${JSON.stringify(argv)} was accepted, but ${refuse}`);
        if (accepted) counts.accepted++;
        expect(leftoverTemps(dir)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(WATCHED.map(fingerprintOf)).toEqual(before);
    expect(repoState()).toBe(repo);
    console.log(`hostile command lines: ${counts.refused} refused (${counts.mustRefuse} of them required by the oracle), ${counts.accepted} accepted`);
    expect(counts.mustRefuse).toBeGreaterThanOrEqual(300);
    expect(counts.refused).toBeGreaterThanOrEqual(1000);
    expect(counts.accepted).toBeGreaterThan(0);
  });

  it('a sample of the refused lines through the real commands: exit 2, one line, no stack trace, nothing changed', () => {
    expect(samples.length).toBeGreaterThanOrEqual(12);
    for (const { command, argv } of samples) {
      const r = run(command, argv, 30_000);
      expect(r.code, `${command} ${JSON.stringify(argv)}: ${r.err}`).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.trim()).not.toMatch(UNPRINTABLE);
    }
    expect(WATCHED.map(fingerprintOf)).toEqual(before);
    expect(readFileSync(CASE, 'utf8')).toBe(readFileSync(janKaraCaseFile(), 'utf8'));
    expect(repoState()).toBe(repo);
  });
});
