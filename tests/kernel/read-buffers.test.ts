import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blocksConfused } from '../../src/model/file-layout';
import { HOLE } from '../../src/model/layout';
import { type Ext4, extents, whyNoRealExt4, withExt4 } from '../../src/oracle/real-ext4';

const kernelSkip = whyNoRealExt4();

/**
 * Observed on the running kernel: which reads of a two-block page attach
 * buffer heads. The model fact it checks (src/model/file-layout.ts,
 * isConfused): the mpage read path gives up on a page, and reads it
 * through block_read_full_page, which attaches buffers, only when a mapped
 * block follows a hole or two mapped blocks are not contiguous on disk; a
 * contiguous page, or one mapped up to a hole at its end, is read without.
 * Buffers are not visible from user space one page at a time, but the
 * kernel counts buffer_head objects (/proc/slabinfo): reading many pages of
 * one shape from a cold cache moves the count by about two per page when
 * they get buffers, and not at all when they do not. The expected count
 * comes from the model's own function, applied to the layout fiemap
 * reports, so the test checks the model's rule, not a number written here.
 *
 * The model's unit is a page: every era it models reads one folio a page.
 * This kernel (6.18) gives ext4's regular files large folios (Zhang Yi's
 * series "ext4: enable large folio for regular file", posted on 6.12), and
 * readahead fills them: a folio spanning pages of "a block, then a hole" is
 * confused as a whole (a mapped block follows the hole of the page before),
 * and observed here it gets about two buffer heads a page where the model
 * says none. So the reads are made with POSIX_FADV_RANDOM, which turns
 * readahead off, and the page cache then reads one order-0 folio (one page)
 * at a time, as in the modelled eras.
 */
const PAGES = 2048;
const BLOCK = 2048;

/** How each page's two blocks are written: the order of the pwrites decides the layout. */
const SHAPES: Record<string, string[]> = {
  contiguous: [`pwrite -q -S 1 0 ${PAGES * 4096}`],
  'hole, then a block': Array.from({ length: PAGES }, (_, p) => `pwrite -q -S 1 ${p * 4096 + BLOCK} ${BLOCK}`),
  'a block, then a hole': Array.from({ length: PAGES }, (_, p) => `pwrite -q -S 1 ${p * 4096} ${BLOCK}`),
  // Every second block first, then the others: no page's two blocks are neighbours on disk.
  'two blocks apart': [
    ...Array.from({ length: PAGES }, (_, p) => `pwrite -q -S 1 ${p * 4096 + BLOCK} ${BLOCK}`), 'fsync',
    ...Array.from({ length: PAGES }, (_, p) => `pwrite -q -S 1 ${p * 4096} ${BLOCK}`),
  ],
};

function bufferHeads(): number {
  const line = readFileSync('/proc/slabinfo', 'utf8').split('\n').find((l) => l.startsWith('buffer_head '));
  if (line === undefined) throw new Error('/proc/slabinfo has no buffer_head line');
  return Number(line.split(/\s+/)[1]);
}

/** foo's physical block for each logical block (2 KiB units), HOLE where fiemap shows none. */
async function blockMap(fs: Ext4, name: string): Promise<number[]> {
  const map = new Array<number>(PAGES * 2).fill(HOLE);
  const perBlock = BLOCK / 512;
  for (const e of await extents(fs, name)) {
    const [first, last, phys] = [e.logical[0], e.logical[1], e.physical[0]].map((sectors) => sectors / perBlock);
    for (let l = first; l <= Math.floor(last); l++) map[l] = phys + (l - first);
  }
  return map;
}

/**
 * Buffer heads a cold read of the whole file, a page at a time, attaches:
 * the median of three tries, since the count is the machine's (other file
 * systems mounted and unmounted meanwhile move it by a few hundred either
 * way).
 */
async function buffersOfColdRead(fs: Ext4, name: string): Promise<number> {
  const deltas: number[] = [];
  for (let k = 0; k < 3; k++) {
    await fs.remount();
    const before = bufferHeads();
    expect(await fs.xfsIo(name, ['fadvise -r', `pread -q 0 ${PAGES * 4096}`])).not.toBeNull();
    deltas.push(bufferHeads() - before);
  }
  return deltas.sort((a, b) => a - b)[1];
}

describe.skipIf(kernelSkip !== null)('the running kernel: a read attaches buffers to a two-block page only when the model says it is confused', () => {
  it('each page shape: buffer heads after a cold read, against the model\'s isConfused on the real layout', async () => {
    const seen = await withExt4({ blockSize: BLOCK, data: 'ordered', sizeMiB: 64 }, async (fs) => {
      const rows: Array<{ shape: string; confused: number; buffers: number }> = [];
      for (const [shape, writes] of Object.entries(SHAPES)) {
        const name = shape.replace(/\W+/g, '-');
        expect(await fs.xfsIo(name, [...writes, `truncate ${PAGES * 4096}`, 'fsync'], ['-f'])).not.toBeNull();
        const map = await blockMap(fs, name);
        let confused = 0;
        for (let p = 0; p < PAGES; p++) if (blocksConfused(2, (i) => map[2 * p + i])) confused++;
        rows.push({ shape, confused, buffers: await buffersOfColdRead(fs, name) });
      }
      return rows;
    });
    for (const r of seen) {
      // Two buffer heads a confused page; the slab count is shared with the rest of the machine, hence the margin.
      expect(Math.abs(r.buffers - 2 * r.confused), `${r.shape}: ${r.confused} confused pages, ${r.buffers} buffer heads`).toBeLessThan(PAGES / 4);
    }
    // Not vacuous: two shapes confuse no page, "hole, then a block" every page, and "two blocks apart" most
    // (how many, the allocator decides: a pair it happens to place side by side is contiguous).
    const confused = Object.fromEntries(seen.map((r) => [r.shape, r.confused]));
    expect(confused).toMatchObject({ contiguous: 0, 'a block, then a hole': 0, 'hole, then a block': PAGES });
    expect(confused['two blocks apart']).toBeGreaterThan(PAGES / 4);
  });
});
