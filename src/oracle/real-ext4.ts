import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * A real ext4 on the running kernel (issue 18): an image file, mkfs.ext4 on
 * it, mounted through a loop device with the options a scenario names. The
 * kernel's races are fixed, but its sequential facts are the ones the
 * model must have in every era.
 *
 * The mount lives in a mount namespace of its own, held by a small shell
 * (`unshare --mount`) that unmounts and deletes everything when its stdin
 * closes. So nothing is left behind however this process ends: a normal
 * close, an exception, or a kill (its pipe closes and the holder cleans
 * up); and if the holder itself is killed, the namespace dies with it,
 * which unmounts the file system and detaches the loop device (mount -o
 * loop sets autoclear). Commands run inside through nsenter, and this
 * process reads files through the holder's root (/proc/PID/root).
 */
export interface Ext4Options {
  /** 4096: one block a page; 2048: two. */
  readonly blockSize: 4096 | 2048;
  readonly data: 'ordered' | 'writeback';
  /** dioread_nolock or nodioread_nolock; absent: the kernel's default (on since 5.6 when the block is a page). */
  readonly dioreadNolock?: boolean;
  /** Image size in MiB, 8 by default: small, so that it fills quickly, and large enough for mkfs.ext4 to make a journal (at 4 it makes none, and data= then fails to mount). */
  readonly sizeMiB?: number;
}

/** The -o of mount for these options. */
export function mountOptions(o: Ext4Options): string {
  const dnl = o.dioreadNolock === undefined ? '' : o.dioreadNolock ? ',dioread_nolock' : ',nodioread_nolock';
  return `loop,data=${o.data}${dnl}`;
}

/** Unmount and mount again, in a script whose $1 $2 $3 are the mount point, the options and the image. */
export const REMOUNT = 'umount "$1" && mount -o "$2" "$3" "$1"';

/**
 * The holder: mount, say so, wait for stdin to close, then unmount and
 * delete the work directory ($1 image, $2 mount point, $3 options, $4 work).
 * When this process was killed, its children in the namespace may still be
 * dying and keep the file system busy for a moment: the unmount is tried
 * again, then done lazily (the file system goes, and the loop device with
 * it, when the last of them has).
 */
const HOLDER = [
  'mount -o "$3" "$1" "$2" || exit 1',
  'echo ready',
  'read _',
  'for i in 1 2 3 4 5 6 7 8 9 10; do umount "$2" 2>/dev/null && break; sleep 0.2; done',
  'mountpoint -q "$2" && umount -l "$2"',
  'rm -rf "$4"',
].join('; ');

export interface CommandResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export class Ext4 {
  private constructor(
    private readonly holder: ChildProcess,
    private readonly work: string,
    private readonly image: string,
    /** The mount point, as commands inside the namespace see it. */
    readonly dir: string,
    readonly options: Ext4Options,
  ) {}

  static async mount(o: Ext4Options): Promise<Ext4> {
    const work = mkdtempSync(join(tmpdir(), 'real-ext4-'));
    const image = join(work, 'image');
    const dir = join(work, 'mnt');
    try {
      await execFileAsync('truncate', ['-s', `${o.sizeMiB ?? 8}M`, image]);
      // -m 0: no blocks reserved for root, so that "full" means full to the allocator as the tests run it.
      await execFileAsync('mkfs.ext4', ['-q', '-F', '-m', '0', '-b', String(o.blockSize), image]);
      await execFileAsync('mkdir', [dir]);
      const holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', HOLDER, 'ext4-holder', image, dir, mountOptions(o), work], {
        // A process group of its own: a kill of this one's group (Ctrl-C) closes its stdin rather than killing it, so it cleans up.
        stdio: ['pipe', 'pipe', 'pipe'], detached: true,
      });
      await ready(holder);
      return new Ext4(holder, work, image, dir, o);
    } catch (e) {
      rmSync(work, { recursive: true, force: true });
      throw e;
    }
  }

  /** A path under the mount as this process opens it: through the holder's root, which sees its namespace. */
  path(name: string): string {
    return `/proc/${this.holder.pid}/root${join(this.dir, name)}`;
  }

  /** Run a command inside the mount namespace, `input` on its stdin; ok when it exits 0 and writes nothing on stderr. */
  run(command: string, args: readonly string[], input = ''): Promise<CommandResult> {
    return new Promise((resolve) => {
      const child = spawn('nsenter', ['-t', String(this.holder.pid), '-m', '--', command, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.once('error', (e) => resolve({ ok: false, stdout: '', stderr: e.message }));
      child.once('close', (code) => {
        const stderr = Buffer.concat(err).toString('utf8');
        resolve({ ok: code === 0 && stderr === '', stdout: Buffer.concat(out).toString('utf8'), stderr: stderr || (code === 0 ? '' : `exit ${code}`) });
      });
      // A command that exits before reading its stdin (one that needs none) closes the pipe: the EPIPE of writing to it
      // says nothing its exit code and stderr do not, and left unhandled it would end the process.
      child.stdin.once('error', () => {});
      child.stdin.end(input);
    });
  }

  /**
   * xfs_io on `name` under the mount, the commands on its stdin: there each
   * applies to the current file only (given with -c, a command runs once
   * for every file xfs_io has open). Its output, or null when it fails
   * (ENOSPC, say).
   */
  async xfsIo(name: string, commands: readonly string[], flags: readonly string[] = []): Promise<string | null> {
    const r = await this.xfsIoRun(name, commands, flags);
    return r.ok ? r.stdout : null;
  }

  /** xfs_io as xfsIo runs it, with what it wrote on stderr. */
  xfsIoRun(name: string, commands: readonly string[], flags: readonly string[] = []): Promise<CommandResult> {
    return this.run('xfs_io', [...flags, join(this.dir, name)], commands.map((c) => `${c}\n`).join(''));
  }

  /** Unmount and mount again: the page cache is gone, and what is read next comes from the disk. */
  async remount(): Promise<void> {
    const r = await this.script(REMOUNT, []);
    if (!r.ok) throw new Error(`remount of ${this.dir} failed: ${r.stderr.trim()}`);
  }

  /**
   * Run a shell script inside the namespace, its arguments being the mount
   * point, the options and the image ($1 $2 $3, for REMOUNT) and then
   * `args`: one process where a run would otherwise start several (each
   * nsenter costs about 15 ms).
   */
  script(body: string, args: readonly string[]): Promise<CommandResult> {
    return this.run('sh', ['-c', body, 'ext4-script', ...this.remountArgs(), ...args]);
  }

  /** A path for a scratch file beside the image, outside the mount (visible inside the namespace at the same path). */
  scratch(name: string): string {
    return join(this.work, name);
  }

  private remountArgs(): string[] {
    return [this.dir, mountOptions(this.options), this.image];
  }

  /** The loop device the file system is on (/dev/loopN). */
  async device(): Promise<string> {
    const r = await this.run('findmnt', ['-no', 'SOURCE', this.dir]);
    return r.stdout.trim();
  }

  /** Close the holder's stdin: it unmounts and deletes; wait until it has. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.holder.exitCode !== null || this.holder.signalCode !== null) resolve();
      else this.holder.once('exit', () => resolve());
    });
    this.holder.stdin?.end();
    await exited;
    rmSync(this.work, { recursive: true, force: true });
  }
}

/** Wait for the holder's "ready", or fail with what it said. */
function ready(holder: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    holder.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    holder.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`mount failed (exit ${code}): ${err.trim().split('\n')[0] ?? ''}`)));
  });
}

/** Make, mount, run `body`, and always unmount and delete. */
export async function withExt4<T>(o: Ext4Options, body: (fs: Ext4) => Promise<T>): Promise<T> {
  const fs = await Ext4.mount(o);
  try {
    return await body(fs);
  } finally {
    await fs.close();
  }
}

/** A mapped extent of a file, in 512-byte sectors, first and last included, as `xfs_io -c fiemap` prints it. */
export interface Extent {
  readonly logical: readonly [number, number];
  readonly physical: readonly [number, number];
}

/**
 * The mapped extents of `name` (holes are left out). xfs_io asks with
 * FIEMAP_FLAG_SYNC, which writes the file's dirty pages out first.
 */
export async function extents(fs: Ext4, name: string): Promise<Extent[]> {
  const out = (await fs.xfsIo(name, ['fiemap'])) ?? '';
  return [...out.matchAll(/^\s*\d+: \[(\d+)\.\.(\d+)\]: (\d+)\.\.(\d+)$/gm)].map((m) => {
    const [a, b, c, d] = m.slice(1, 5).map(Number);
    return { logical: [a, b], physical: [c, d] };
  });
}

/** The physical extents of `name` as "start..end" in sectors, one per mapped extent: for telling extents apart. */
export async function fiemap(fs: Ext4, name: string): Promise<string[]> {
  return (await extents(fs, name)).map((e) => `${e.physical[0]}..${e.physical[1]}`);
}

/** Transactions jbd2 has committed on the file system (/proc/fs/jbd2/DEV-8/info, "N transactions"). */
export async function commits(fs: Ext4): Promise<number> {
  const device = (await fs.device()).replace(/^\/dev\//, '');
  const info = readFileSync(`/proc/fs/jbd2/${device}-8/info`, 'utf8');
  const m = /^(\d+) transactions/.exec(info);
  if (m === null) throw new Error(`/proc/fs/jbd2/${device}-8/info: no transaction count in ${JSON.stringify(info.slice(0, 80))}`);
  return Number(m[1]);
}

function missing(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0;
}

/**
 * Why a real ext4 cannot be used here, or null: it needs root, a loop
 * device, mkfs.ext4, xfs_io, unshare and nsenter, and a loop mount that
 * works in a mount namespace (a container may have the device and still
 * refuse the mount), which is tried once, when first asked.
 */
export function whyNoRealExt4(): string | null {
  cachedReason ??= { reason: probe() };
  return cachedReason.reason;
}
let cachedReason: { reason: string | null } | undefined;

function probe(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (loop mounts)';
  if (!existsSync('/dev/loop-control')) return 'no loop device (/dev/loop-control)';
  for (const [command, from] of [['mkfs.ext4', 'e2fsprogs'], ['xfs_io', 'xfsprogs'], ['unshare', 'util-linux'], ['nsenter', 'util-linux']]) {
    if (missing(command)) return `${command} not installed (${from})`;
  }
  const work = mkdtempSync(join(tmpdir(), 'real-ext4-probe-'));
  try {
    const image = join(work, 'image');
    const dir = join(work, 'mnt');
    spawnSync('truncate', ['-s', '8M', image]);
    spawnSync('mkdir', [dir]);
    const mkfs = spawnSync('mkfs.ext4', ['-q', '-F', '-m', '0', image], { encoding: 'utf8' });
    if (mkfs.status !== 0) return `mkfs.ext4 failed here: ${mkfs.stderr.trim().split('\n')[0]}`;
    const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -o loop,data=ordered "$1" "$2" && umount "$2"', 'probe', image, dir], { encoding: 'utf8' });
    return r.status === 0 ? null : `a loop mount of ext4 in a mount namespace failed here: ${r.stderr.trim().split('\n')[0]}`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
