import _ from 'lodash';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * What the hostile-user tests need: a temporary directory, a fingerprint of
 * every path a command must leave alone (kind, device number, size and
 * content), the repository's own state (nothing may be written outside the
 * temporary directory), and the promises every refusal keeps.
 */
export const isRoot = process.getuid?.() === 0;

export function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/** What a path is now: kind, device numbers, size and a hash of a regular file's content ('absent' if nothing). */
export function fingerprintOf(path: string): string {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return 'absent';
  }
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isCharacterDevice() ? 'chr' : st.isBlockDevice() ? 'blk' : st.isFIFO() ? 'fifo' : st.isSymbolicLink() ? 'link' : 'other';
  const content = st.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : st.isDirectory() ? readdirSync(path).sort().join(',') : '';
  return `${kind} ${st.ino} ${st.rdev} ${st.size} ${content}`;
}

/** Temporary files of the output module left anywhere under `dir`. */
export function leftoverTemps(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /punch-harness-tmp|\.tmp$|\.probe-/.test(f));
}

function repoState(): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' });
}


export interface Outcome {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Run a command as a user would (no colour, no terminal), with a time limit: a hang is a failure. */
export function run(script: string, args: readonly string[], timeoutMs = 60_000): Outcome {
  const r = spawnSync(process.execPath, commandLine(script, args), {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: timeoutMs,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function commandLine(script: string, args: readonly string[]): string[] {
  // A script of package.json, as the bin runs it: `bench:hunt` is `punch-hunt bench hunt`.
  return ['--import', 'tsx', 'src/cli/punch-hunt.ts', ...script.split(':'), ...args];
}

/** `run`, without blocking: the test can start the next command while this one works. */
export function runAsync(script: string, args: readonly string[], timeoutMs = 60_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, commandLine(script, args), { env: { ...process.env, NO_COLOR: '1' }, timeout: timeoutMs });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * Commands that do not depend on each other, three at a time: each starts a
 * process of its own (a second of loading), so on two cores three at once
 * take about half the time one after another does.
 */
export async function runAll<T>(items: readonly T[], each: (item: T) => Promise<Outcome | void>): Promise<Array<Outcome | void>> {
  const out: Array<Outcome | void> = [];
  for (const batch of _.chunk(items, 3)) out.push(...(await Promise.all(batch.map(each))));
  return out;
}

export interface Refusal {
  readonly dir: string;
  readonly watch?: readonly string[];
  readonly says: string | RegExp;
  readonly timeoutMs?: number;
}

/**
 * Run a command that must refuse: exit 2, one line on stderr naming the
 * problem, no stack trace, no control character, nothing on stdout; every
 * watched path as it was, no temporary file left in `dir`, and the
 * repository unchanged.
 */
export async function refused(script: string, args: readonly string[], o: Refusal): Promise<Outcome> {
  const watch = o.watch ?? [];
  const before = watch.map(fingerprintOf);
  const repo = repoState();
  const r = await runAsync(script, args, o.timeoutMs);
  const what = `${script} ${args.join(' ')}`;
  expect(r.code, `${what}: ${r.err}`).toBe(2);
  expect(r.err.trim().split('\n'), what).toHaveLength(1);
  expect(r.err, what).toMatch(typeof o.says === 'string' ? new RegExp(o.says.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : o.says);
  expect(r.err, what).not.toMatch(/\n\s+at |[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(r.out, what).toBe('');
  expect(watch.map(fingerprintOf), what).toEqual(before);
  expect(leftoverTemps(o.dir), what).toEqual([]);
  expect(repoState(), what).toBe(repo);
  return r;
}

/** Refusals that do not depend on each other, run as `runAll` runs commands. */
export async function allRefused(calls: ReadonlyArray<readonly [string, readonly string[], Refusal]>): Promise<void> {
  await runAll(calls, ([script, args, o]) => refused(script, args, o));
}
