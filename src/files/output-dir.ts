import { mkdirSync, mkdtempSync, realpathSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from './user-error';
import { errnoWords, kindOf } from './input-file';

/**
 * An output directory (`--out`), checked before any work starts: created if
 * needed, a directory, and one in which a directory can be made and removed
 * (the only test that /proc, a read-only mount or a full quota fails
 * honestly: access(2) tells root yes to all of them). Returns it as given.
 */
export function prepareOutputDir(dir: string, flag: string): string {
  if (dir === '') throw new UserError('(arguments)', flag, 'an empty directory name');
  const there = statOrNull(dir);
  if (there !== null && !there.isDirectory()) throw new UserError(dir, flag, `is ${kindOf(there)}, not a directory`);
  try {
    makeDirs(dir);
  } catch (e) {
    throw new UserError(dir, flag, `cannot be created: ${errnoWords(e)}`);
  }
  let real: string;
  try {
    if (!statSync(dir).isDirectory()) throw new UserError(dir, flag, 'is not a directory');
    real = realpathSync(dir);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(dir, flag, `cannot be used: ${errnoWords(e)}`);
  }
  try {
    rmdirSync(mkdtempSync(join(real, '.probe-')));
  } catch (e) {
    throw new UserError(dir, flag, `is not writable: ${errnoWords(e)}`);
  }
  return dir;
}

/**
 * Make `sub` (a relative path of plain names under `root`) one level at a
 * time, checking before each level is made or entered that, symbolic links
 * resolved, it is still inside `root`: a case is never written elsewhere,
 * and no directory is made elsewhere on the way to finding out.
 */
export function subdirInside(root: string, sub: string): string {
  const rootReal = realpathSync(root);
  let at = root;
  for (const name of relative(root, sub).split(sep)) {
    at = join(at, name);
    try {
      mkdirSync(at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const real = realpathSync(at);
    const rel = relative(rootReal, real);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new UserError(at, '--out', `resolves to ${real}, outside ${rootReal}`);
    }
  }
  return realpathSync(sub);
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdirSync never returns
 * on a path under /proc (seen with Node 20), where a directory cannot be made.
 */
export function makeDirs(path: string): void {
  const abs = resolve(path);
  const parent = dirname(abs);
  try {
    if (statSync(abs).isDirectory()) return;
    throw Object.assign(new Error(`${abs} is not a directory`), { code: 'ENOTDIR' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (parent !== abs) makeDirs(parent);
  try {
    mkdirSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(abs).isDirectory()) throw e;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
