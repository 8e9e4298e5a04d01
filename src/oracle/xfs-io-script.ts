import { initialBlockMap } from '../model/file-layout';
import { join } from 'node:path';
import { HOLE } from '../model/layout';
import { TAG_FOO_OLD, TAG_FOO_OLD_DIRTY, threadTag } from '../model/tags';
import { type OpSequence, type SequenceOp, threadOf } from './op-sequence';

/**
 * The sequence as xfs_io commands on a real ext4, in the way fstests drives
 * file operations: every block of data is one byte repeated, the byte
 * being the model's data tag, so that what a read returns names who wrote
 * it. Files are named by absolute path under the mount point `dir`.
 */

/** The page size of the machines the harness runs on (x86-64, arm64 with 4 KiB pages). */
export const PAGE_SIZE = 4096;

export function blockSize(seq: Pick<OpSequence, 'blocksPerPage'>): number {
  return PAGE_SIZE / seq.blocksPerPage;
}

/**
 * Writing foo as the scenario starts it, on disk: its old data in every
 * block its layout maps, holes where it has none, then fsync and drop its
 * pages (fadvise DONTNEED on clean pages). A discontiguous layout is
 * written one block at a time, last block first, each followed by a
 * block of a spacer file, so that no two of foo's blocks are neighbours on
 * disk (the allocator would otherwise extend the extent).
 */
export function setupCommands(seq: OpSequence, dir: string): string[] {
  const bs = blockSize(seq);
  const blocks = seq.pages * seq.blocksPerPage;
  const map = initialBlockMap(seq.layout, blocks);
  const out = [`open -f ${join(dir, 'spacer')}`, 'file 0', `truncate ${blocks * bs}`];
  const order = seq.layout === 'discontiguous' ? map.map((_, l) => blocks - 1 - l) : map.map((_, l) => l);
  for (const l of order) {
    if (map[l] === HOLE) continue;
    out.push(`pwrite -q -S ${TAG_FOO_OLD} ${l * bs} ${bs}`);
    if (seq.layout === 'discontiguous') out.push('fsync', 'file 1', `pwrite -q -S 0xee ${l * bs} ${bs}`, 'fsync', 'file 0');
  }
  out.push('fsync', `fadvise -d 0 ${blocks * bs}`);
  return out;
}

/** What the session's output holds for each read, in order: the op's index and the bytes it dumps. */
export interface ReadDump {
  readonly op: number;
  readonly bytes: number;
}

/**
 * One xfs_io session on foo: file 0 is foo (buffered), file 1 foo again
 * with O_DIRECT, file 2 bar with O_DIRECT; mapping 0 is all of foo, shared
 * and writable. First the page cache as the scenario starts it, then the
 * operations, each a command or two.
 */
export function sessionCommands(seq: OpSequence, dir: string): { commands: string[]; dumps: ReadDump[] } {
  const bs = blockSize(seq);
  const size = seq.pages * PAGE_SIZE;
  const commands = [`mmap -rw 0 ${size}`, `open -d ${join(dir, 'foo')}`, `open -f -d ${join(dir, 'bar')}`, 'file 0'];
  seq.cache.forEach((state, p) => commands.push(...cacheCommands(seq, state, p, bs)));
  const dumps: ReadDump[] = [];
  const threads = threadOf(seq);
  seq.ops.forEach((o, k) => {
    const c = opCommands(seq, o, threads[k], bs);
    commands.push(...c);
    if (o.op === 'read' || o.op === 'mmapRead' || o.op === 'dioRead') dumps.push({ op: k, bytes: PAGE_SIZE });
  });
  return { commands, dumps };
}

function cacheCommands(seq: OpSequence, state: OpSequence['cache'][number], p: number, bs: number): string[] {
  const off = p * PAGE_SIZE;
  switch (state) {
    case 'none':
      return [];
    case 'clean':
      return [`pread -q ${off} ${PAGE_SIZE}`];
    case 'clean-buffers': {
      // Written with the data it already has (a hole stays one), then written back: clean, with buffers.
      const map = initialBlockMap(seq.layout, seq.pages * seq.blocksPerPage);
      const writes = [];
      for (let i = 0; i < seq.blocksPerPage; i++) {
        const l = p * seq.blocksPerPage + i;
        if (map[l] !== HOLE) writes.push(`pwrite -q -S ${TAG_FOO_OLD} ${l * bs} ${bs}`);
      }
      return [...writes, `sync_range -b -w -a ${off} ${PAGE_SIZE}`];
    }
    case 'dirty':
      return [`pwrite -q -S ${TAG_FOO_OLD_DIRTY} ${off} ${PAGE_SIZE}`];
    case 'dirty-mapped':
      return [`mwrite -S ${TAG_FOO_OLD_DIRTY} ${off} ${PAGE_SIZE}`];
  }
}

function opCommands(seq: OpSequence, o: SequenceOp, thread: number, bs: number): string[] {
  if (o.op === 'punch') return ['file 0', `fpunch ${seq.punch.start * bs} ${seq.punch.length * bs}`];
  if (o.op === 'commit') return ['syncfs'];
  const tag = threadTag(thread);
  if (o.op === 'barWrite') return ['file 2', `pwrite -q -S ${tag} ${o.block! * bs} ${bs}`];
  const off = o.page! * PAGE_SIZE;
  switch (o.op) {
    case 'read':
      return ['file 0', `pread -v ${off} ${PAGE_SIZE}`];
    case 'readahead':
      return ['file 0', `fadvise -w ${off} ${(o.count ?? 1) * PAGE_SIZE}`];
    case 'mmapRead':
      return [`mread -v ${off} ${PAGE_SIZE}`];
    case 'mmapWrite':
      return [`mwrite -S ${tag} ${off} ${PAGE_SIZE}`];
    case 'write':
      return ['file 0', `pwrite -q -S ${tag} ${off} ${PAGE_SIZE}`];
    case 'writeback':
      return ['file 0', seq.flush === 'fsync' ? 'fsync' : `sync_range -b -w -a ${off} ${PAGE_SIZE}`];
    case 'dioRead':
      return ['file 1', `pread -v ${off} ${PAGE_SIZE}`];
    case 'dioWrite':
      return ['file 1', `pwrite -q -S ${tag} ${off} ${PAGE_SIZE}`];
  }
}

/** The bytes of xfs_io's hex dumps (-v), in the order printed: lines "00001000:  01 01 ...  ................". */
export function dumpedBytes(stdout: string): number[] {
  const bytes: number[] = [];
  for (const m of stdout.matchAll(/^[0-9a-f]{8}: ((?: [0-9a-f]{2}){1,16})/gm)) {
    for (const h of m[1].trim().split(/ +/)) bytes.push(parseInt(h, 16));
  }
  return bytes;
}

/** A tag per block: the byte every byte of the block holds, or MIXED (-1). */
export function blockTags(bytes: ArrayLike<number>, bs: number): number[] {
  const out: number[] = [];
  for (let off = 0; off + bs <= bytes.length; off += bs) {
    const first = bytes[off];
    let same = true;
    for (let i = off + 1; i < off + bs && same; i++) same = bytes[i] === first;
    out.push(same ? first : -1);
  }
  return out;
}
