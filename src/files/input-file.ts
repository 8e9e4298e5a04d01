import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { UserError } from './user-error';

/**
 * Every file a command reads (a case, a run file, a variant file, a result
 * file it updates) comes through here: it must be a regular file of at most
 * MAX_INPUT_BYTES, checked before a byte is read, so `/dev/zero` is not read
 * until memory runs out and a FIFO does not hang the command. A UTF-8 byte
 * order mark is dropped, as editors on some systems write one.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** What a file is, in words, when it is not a regular file. */
export function kindOf(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'something other than a file';
}

/** The errno of a failed file call, in words a user can act on. */
export function errnoWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'operation not permitted', EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory', EROFS: 'read-only file system', ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded', ENAMETOOLONG: 'name too long', ELOOP: 'too many symbolic links', EEXIST: 'already exists',
    EMFILE: 'too many open files', EIO: 'input/output error', EINVAL: 'invalid argument',
  };
  return (code !== undefined && words[code]) || `cannot be used (${code ?? 'unknown error'})`;
}

/** Read a file a user named as text, or a UserError naming it. */
export function readInputText(file: string): string {
  if (file === '') throw new UserError('(arguments)', 'FILE', 'an empty file name');
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    throw new UserError(file, '(file)', (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errnoWords(e));
  }
  if (!st.isFile()) throw new UserError(file, '(file)', `is ${kindOf(st)}, not a regular file`);
  if (st.size > MAX_INPUT_BYTES) throw new UserError(file, '(file)', `is ${st.size} bytes, over the ${MAX_INPUT_BYTES}-byte limit`);
  let fd: number;
  try {
    // O_NONBLOCK: had the file been swapped for a FIFO since the stat, opening it does not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UserError(file, '(file)', `cannot be read: ${errnoWords(e)}`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new UserError(file, '(file)', 'changed into something other than a regular file while being opened');
    return readAtMost(fd, file).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/** Read to the end, refusing more than MAX_INPUT_BYTES (a file may grow after its stat, and /proc files say size 0). */
function readAtMost(fd: number, file: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(1 << 16);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      throw new UserError(file, '(file)', `cannot be read: ${errnoWords(e)}`);
    }
    if (n === 0) return Buffer.concat(chunks, total);
    total += n;
    if (total > MAX_INPUT_BYTES) throw new UserError(file, '(file)', `is over the ${MAX_INPUT_BYTES}-byte limit`);
    chunks.push(chunk.subarray(0, n));
  }
}

/**
 * Read and parse a JSON file. A `__proto__` key anywhere is refused: JSON.parse
 * keeps it as data, but validators and spreads drop or misread it, so a field
 * would vanish silently.
 */
export function readJsonInput(file: string): unknown {
  const text = readInputText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError(file, '(json)', 'not valid JSON');
  }
  const bad = protoKeyPath(value);
  if (bad !== null) throw new UserError(file, bad, 'a "__proto__" key is not allowed');
  return value;
}

/** The path of the first `__proto__` key, breadth-first without recursion (a file may nest a million deep). */
function protoKeyPath(root: unknown): string | null {
  const queue: Array<{ v: unknown; path: string }> = [{ v: root, path: '' }];
  for (let k = 0; k < queue.length; k++) {
    const { v, path } = queue[k];
    if (v === null || typeof v !== 'object') continue;
    const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    for (const [key, x] of entries) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key === '__proto__') return at;
      queue.push({ v: x, path: at });
    }
  }
  return null;
}
