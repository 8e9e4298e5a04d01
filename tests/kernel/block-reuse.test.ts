import { statfsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isOrdered } from '../../src/model/mount';
import { commits, fiemap, whyNoRealExt4, withExt4 } from '../../src/oracle/real-ext4';

const kernelSkip = whyNoRealExt4();

/**
 * Observed on the running kernel: when bar can be given the block foo's
 * punch has just freed. The model fact it checks (src/model/mount.ts): under
 * data=ordered a freed data block returns to the allocator only when the
 * transaction that freed it commits; under data=writeback it is free at
 * once. The file system is nearly filled, foo's block is punched, and bar
 * then takes blocks one direct write at a time (allocated at once, no
 * delayed allocation) until the allocator refuses; for each write the test
 * reads which block it was given and how many transactions jbd2 had
 * committed by then (/proc/fs/jbd2). Observed on 6.18: under data=ordered
 * bar never gets foo's block, even after the commit its refusal forces: the
 * free-block count let one more allocation through at the punch, which took
 * a block of the allocator's reserve.
 */
/** One of bar's writes after the punch: whether it was given foo's freed block, and the commits since the punch. */
interface BarWrite {
  readonly fooBlock: boolean;
  readonly commits: number;
}

function barAfterPunch(data: 'ordered' | 'writeback'): Promise<BarWrite[]> {
  return withExt4({ blockSize: 4096, data }, async (fs) => {
    expect(await fs.xfsIo('foo', ['pwrite -S 0xaa 0 4096', 'fsync'], ['-f'])).not.toBeNull();
    const [fooBlock] = await fiemap(fs, 'foo');
    expect(fooBlock).toBeDefined();
    // Most of the space in one file; the allocator keeps some back for metadata, so a few dozen blocks stay free.
    expect(await fs.xfsIo('filler', [`falloc 0 ${(statfsSync(fs.path('.')).bfree - 64) * 4096}`], ['-f'])).not.toBeNull();
    const before = await commits(fs);
    expect(await fs.xfsIo('foo', ['fpunch 0 4096'])).not.toBeNull();
    expect(await fiemap(fs, 'foo')).toEqual([]);
    const writes: BarWrite[] = [];
    // Until the second refusal: the first may come with a commit (ext4_should_retry_alloc forces one).
    let refusals = 0;
    for (let k = 0; k < 4096 && refusals < 2; k++) {
      const had = new Set(await fiemap(fs, 'bar'));
      if ((await fs.xfsIo('bar', [`pwrite -S 0xbb ${k * 4096} 4096`], ['-f', '-d'])) === null) {
        refusals++;
        continue;
      }
      const fresh = (await fiemap(fs, 'bar')).filter((e) => !had.has(e));
      writes.push({ fooBlock: fresh.some((e) => contains(e, fooBlock)), commits: (await commits(fs)) - before });
    }
    return writes;
  });
}

/** Whether the sector range `outer` ("a..b", as fiemap prints it) contains `inner`. */
function contains(outer: string, inner: string): boolean {
  const [a, b] = outer.split('..').map(Number);
  const [c, d] = inner.split('..').map(Number);
  return a <= c && d <= b;
}

describe.skipIf(kernelSkip !== null)('the running kernel: block reuse after a punch follows the mount', () => {
  it('data=writeback: a write of bar is given the block the punch freed, with no commit in between', async () => {
    expect(isOrdered('data=writeback')).toBe(false);
    // Which free block a write gets is the allocator's choice (its goal); on this fresh image it is foo's.
    expect((await barAfterPunch('writeback')).some((w) => w.fooBlock && w.commits === 0)).toBe(true);
  });

  it('data=ordered: no write of bar is given the block the punch freed before a commit', async () => {
    expect(isOrdered('data=ordered')).toBe(true);
    const writes = await barAfterPunch('ordered');
    // Not vacuous: the allocator was asked while the punch's transaction had not committed.
    expect(writes.some((w) => w.commits === 0)).toBe(true);
    expect(writes.filter((w) => w.fooBlock && w.commits === 0)).toEqual([]);
  });
});

describe.skipIf(kernelSkip === null)('the running kernel', () => {
  it(`is not tried here: ${kernelSkip}`, () => {
    expect(kernelSkip).not.toBeNull();
  });
});
