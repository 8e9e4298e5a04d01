import { release } from 'node:os';
import { describe, expect, it } from 'vitest';
import { blockTags, dumpedBytes } from '../../src/oracle/xfs-io-script';
import { type Ext4, extents, whyNoRealExt4, withExt4 } from '../../src/oracle/real-ext4';
import { builtinVariant } from '../../src/variants/resolve-variant';

const kernelSkip = whyNoRealExt4();

/**
 * Observed on the running kernel: does the punch write out the dirty pages
 * of its range before it truncates them? The model fact it checks: the
 * punch of every era up to 5.15 starts with filemap_write_and_wait_range
 * (3.13 - 5.15 fs/ext4/inode.c ext4_punch_hole, "Write out all dirty pages
 * to avoid race conditions", e.g. waterm310n/linux-5.15.135), and the
 * punch of ext4-6.15 does not (43d0105e2c75, "ext4: don't write back data
 * before punch hole in nojournal mode", in Zhang Yi's fallocate series).
 *
 * How it is seen: foo's page 0 (two 2 KiB blocks) is overwritten in the
 * cache, then only its second block is punched; the punch's range lies in
 * page 0, so a flush writes the whole page, and the first block's data
 * then reaches the disk although that block is not punched. The disk is
 * read under the file system (O_DIRECT on the loop device), where no cache
 * of foo's can answer. The sequential oracle cannot see this: with or
 * without the flush, the file ends with the same contents.
 */
async function punchFlushesPage(fs: Ext4): Promise<boolean> {
  expect(await fs.xfsIo('foo', ['pwrite -q -S 1 0 8192', 'fsync'], ['-f'])).not.toBeNull();
  // fiemap before the page is dirtied: xfs_io asks FIEMAP_FLAG_SYNC, which would write it out.
  const [first] = await extents(fs, 'foo');
  expect(first?.logical[0]).toBe(0);
  const offset = first.physical[0] * 512;
  expect(await fs.xfsIo('foo', ['pwrite -q -S 2 0 4096'])).not.toBeNull();
  expect(await fs.xfsIo('foo', ['fpunch 2048 2048'])).not.toBeNull();
  const raw = await fs.run('xfs_io', ['-d', '-r', '-c', `pread -v ${offset} 2048`, await fs.device()]);
  expect(raw.ok, raw.stderr).toBe(true);
  const [onDisk] = blockTags(dumpedBytes(raw.stdout), 2048);
  expect([1, 2]).toContain(onDisk);
  return onDisk === 2;
}

/** The built-in era whose design this kernel runs: the latest whose release is not after it. */
function eraOf(kernel: string): string {
  const [major, minor] = kernel.split(/[.-]/).map(Number);
  const at = major * 1000 + minor;
  const eras: Array<[number, string]> = [[6015, 'ext4-6.15'], [5015, 'ext4-5.15'], [5010, 'ext4-5.10'], [4005, 'ext4-4.5'], [3015, 'ext4-3.15']];
  return eras.find(([from]) => at >= from)?.[1] ?? 'ext4-3.11';
}

describe.skipIf(kernelSkip !== null)('the running kernel: does the punch write out the dirty pages of its range?', () => {
  const era = eraOf(release());
  it(`as ${era} says, on ${release()}`, async () => {
    const flushed = await withExt4({ blockSize: 2048, data: 'ordered' }, punchFlushesPage);
    expect(flushed).toBe(builtinVariant(era).punch[0] === 'filemap_write_and_wait_range');
  });

  it('the eras differ here: 5.15 flushes, 6.15 does not', () => {
    expect([eraOf('5.15.135'), eraOf('6.18.44-fc')]).toEqual(['ext4-5.15', 'ext4-6.15']);
    expect(builtinVariant('ext4-5.15').punch[0]).toBe('filemap_write_and_wait_range');
    expect(builtinVariant('ext4-6.15').punch).not.toContain('filemap_write_and_wait_range');
  });
});
