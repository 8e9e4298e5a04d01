import { accessSync, constants, copyFileSync, linkSync, lstatSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from './user-error';
import { errnoWords, kindOf, readInputText } from './input-file';

/**
 * Every file a command writes goes through here, so that no output destroys
 * anything: the text goes to a temporary file in the target's directory and
 * is then linked into place (when the target is new: a link fails rather
 * than replace a file that appeared meanwhile) or renamed over it (when
 * replacing is allowed), so a reader never sees half a file; the temporary
 * file is removed on every path out. A target is refused, with one line
 * naming it, when it is not a regular file (a directory, a device, a FIFO,
 * a symbolic link), when it is one of the command's own inputs, or when it
 * exists and neither --force was given nor `mayReplace` says the file is
 * this command's own earlier output.
 */
export interface OutputRules {
  /** The option that named the target, for messages ("--html"). */
  readonly flag: string;
  /** --force: an existing regular file may be replaced. */
  readonly force: boolean;
  /** Files the command reads; none of them may be the target. */
  readonly inputs?: readonly string[];
  /** Whether an existing file may be replaced without --force (given its text): a result file this command wrote. */
  readonly mayReplace?: (text: string) => boolean;
}

/** Check a target before any work starts; returns whether a file is there now. Writes nothing. */
export function checkOutputFile(path: string, rules: OutputRules): boolean {
  if (path === '' || path.endsWith('/') || basename(path) === '.' || basename(path) === '..') {
    throw new UserError('(arguments)', rules.flag, `not a file name: "${path}"`);
  }
  const dir = dirname(path);
  let dirStat: Stats;
  try {
    dirStat = statSync(dir);
  } catch (e) {
    throw new UserError(path, rules.flag, `its directory ${dir} cannot be used: ${errnoWords(e)}`);
  }
  if (!dirStat.isDirectory()) throw new UserError(path, rules.flag, `${dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UserError(path, rules.flag, `its directory ${dir} is not writable: ${errnoWords(e)}`);
  }
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch {
    return false; // nothing there: it will be created
  }
  if (!st.isFile()) throw new UserError(path, rules.flag, `is ${kindOf(st)}; only a regular file is ever replaced`);
  for (const input of rules.inputs ?? []) {
    const same = sameFile(st, input);
    if (same) throw new UserError(path, rules.flag, `is ${input}, an input of this command`);
  }
  if (rules.force) return true;
  if (rules.mayReplace !== undefined && mayReplaceText(path, rules.mayReplace)) return true;
  throw new UserError(path, rules.flag, 'exists; give --force to replace it');
}

function sameFile(st: Stats, other: string): boolean {
  try {
    const o = statSync(other);
    return o.dev === st.dev && o.ino === st.ino;
  } catch {
    return false;
  }
}

function mayReplaceText(path: string, mayReplace: (text: string) => boolean): boolean {
  try {
    return mayReplace(readInputText(path));
  } catch {
    return false;
  }
}

/** Check the target again (it may have changed during the work), then write it atomically. */
export function writeOutputFile(path: string, text: string, rules: OutputRules): void {
  const exists = checkOutputFile(path, rules);
  const temp = writeTemp(path, text);
  try {
    if (exists) renameSync(temp, path);
    else if (linkIntoPlace(temp, path) === 'taken') throw new UserError(path, rules.flag, 'appeared while this command ran; left as it is');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(path, rules.flag, `cannot be written: ${errnoWords(e)}`);
  } finally {
    removeQuietly(temp);
  }
}

let tempCounter = 0;

/** `.NAME.PID.N.punch-harness-tmp` beside the target: a name no one else uses, which cleanStaleTemps recognises. */
const TEMP = /^\.(.+)\.(\d+)\.(\d+)\.punch-harness-tmp$/;

/** Write text to a new temporary file beside `path`; on failure nothing is left. */
export function writeTemp(path: string, text: string): string {
  const dir = dirname(path);
  cleanStaleTemps(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${tempCounter++}.punch-harness-tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
  } catch (e) {
    removeQuietly(temp);
    throw e;
  }
  return temp;
}

/**
 * Give the temporary file its final name without replacing anything: a hard
 * link, which fails if the name is taken. On a file system without hard
 * links, an exclusive copy. The temporary file is left for the caller.
 */
export function linkIntoPlace(temp: string, path: string): 'written' | 'taken' {
  try {
    linkSync(temp, path);
    return 'written';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'taken';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
  }
  try {
    copyFileSync(temp, path, constants.COPYFILE_EXCL);
    return 'written';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'taken';
    throw e;
  }
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Remove temporary files of ours left in `dir` by a process that no longer
 * runs (killed between writing and linking): nothing else removes them.
 */
export function cleanStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m === null || alive(Number(m[2]))) continue;
    removeQuietly(join(dir, name));
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
