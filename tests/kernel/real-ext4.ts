import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real ext4 per test (issue 18): an image file, mkfs.ext4 on it, mounted
 * through a loop device under a temporary directory with the options a
 * scenario names, unmounted and deleted afterwards, also when the test
 * fails. The running kernel's races are fixed, but its sequential facts are
 * the ones the model must have in every era.
 */
export interface Ext4Options {
  /** 4096: one block a page; 2048: two. */
  readonly blockSize: 4096 | 2048;
  readonly data: 'ordered' | 'writeback';
  /** Image size in MiB, 8 by default: small, so that it fills quickly, and large enough for mkfs.ext4 to make a journal (at 4 it makes none, and data= then fails to mount). */
  readonly sizeMiB?: number;
}

function missing(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0;
}

/**
 * Why these tests cannot run here, or null: they need root, a loop device,
 * mkfs.ext4 and xfs_io, and a loop mount that works (a container may have
 * the device and still refuse the mount), which is tried once.
 */
export const kernelSkip: string | null =
  process.getuid?.() !== 0 ? 'needs root (loop mounts)'
    : !existsSync('/dev/loop-control') ? 'no loop device (/dev/loop-control)'
      : missing('mkfs.ext4') ? 'mkfs.ext4 not installed (e2fsprogs)'
        : missing('xfs_io') ? 'xfs_io not installed (xfsprogs)'
          : mountRefused();

function mountRefused(): string | null {
  try {
    withExt4({ blockSize: 4096, data: 'ordered' }, () => undefined);
    return null;
  } catch (e) {
    return `a loop mount of ext4 failed here: ${String((e as Error).message).split('\n')[0]}`;
  }
}

/** Make, mount, run `body` on the mount point, and always unmount (which detaches the loop device) and delete. */
export function withExt4<T>(o: Ext4Options, body: (dir: string) => T): T {
  const work = mkdtempSync(join(tmpdir(), 'real-ext4-'));
  const image = join(work, 'image');
  const dir = join(work, 'mnt');
  try {
    execFileSync('truncate', ['-s', `${o.sizeMiB ?? 8}M`, image]);
    // -m 0: no blocks reserved for root, so that "full" means full to the allocator as the tests run it.
    execFileSync('mkfs.ext4', ['-q', '-F', '-m', '0', '-b', String(o.blockSize), image]);
    execFileSync('mkdir', [dir]);
    execFileSync('mount', ['-o', `loop,data=${o.data}`, image, dir]);
    try {
      return body(dir);
    } finally {
      execFileSync('umount', [dir]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Run xfs_io commands on `file`; null when xfs_io fails (ENOSPC, say), its output otherwise. */
export function xfsIo(file: string, commands: readonly string[], flags: readonly string[] = []): string | null {
  const r = spawnSync('xfs_io', [...flags, ...commands.flatMap((c) => ['-c', c]), file], { encoding: 'utf8' });
  return r.status === 0 && !/No space left|error/i.test(r.stderr) ? r.stdout : null;
}

/** The physical extents of `file`, in 512-byte sectors as `xfs_io -c fiemap` prints them: "start..end" per mapped extent. */
export function fiemap(file: string): string[] {
  const out = xfsIo(file, ['fiemap']) ?? '';
  return [...out.matchAll(/^\s*\d+: \[\d+\.\.\d+\]: (\d+\.\.\d+)$/gm)].map((m) => m[1]);
}

/** Transactions jbd2 has committed on the file system mounted at `dir` (/proc/fs/jbd2/DEV-8/info, "N transactions"). */
export function commits(dir: string): number {
  const device = execFileSync('findmnt', ['-no', 'SOURCE', dir], { encoding: 'utf8' }).trim().replace(/^\/dev\//, '');
  const info = readFileSync(`/proc/fs/jbd2/${device}-8/info`, 'utf8');
  const m = /^(\d+) transactions/.exec(info);
  if (m === null) throw new Error(`/proc/fs/jbd2/${device}-8/info: no transaction count in ${JSON.stringify(info.slice(0, 80))}`);
  return Number(m[1]);
}
