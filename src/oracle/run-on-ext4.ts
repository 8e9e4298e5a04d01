import { readFileSync, writeFileSync } from 'node:fs';
import type { Observation } from './observation';
import type { OpSequence } from './op-sequence';
import { type Ext4, REMOUNT } from './real-ext4';
import { blockSize, blockTags, dumpedBytes, sessionCommands, setupCommands } from './xfs-io-script';

/**
 * One run, in one shell inside the namespace ($1 $2 $3 as Ext4.script
 * gives them, then the setup and session command files and the session's
 * output): delete what the last run left, write foo as the scenario starts
 * it, run the session (in one xfs_io, so that the mapping stays), remount.
 * A failed setup exits 3; the session's stderr is left in its file.
 */
const RUN = `rm -f "$1/foo" "$1/bar" "$1/spacer" && xfs_io -f "$1/foo" < "$4" >/dev/null || exit 3
xfs_io "$1/foo" < "$5" > "$6" 2> "$6.err"
${REMOUNT}`;

/**
 * Run a sequence on a real ext4 mounted with its block size and mount:
 * foo as the scenario starts it, the page cache as it says, the operations
 * one after another, then foo and bar read from the disk after a remount.
 * A command the kernel refuses (xfs_io writes to stderr) ends the run as
 * `failed`.
 */
export async function runOnExt4(fs: Ext4, seq: OpSequence): Promise<Observation> {
  if (fs.options.blockSize !== blockSize(seq) || `data=${fs.options.data}` !== seq.mount.data || fs.options.dioreadNolock !== seq.mount.dioreadNolock) {
    throw new Error(`runOnExt4: the file system is mounted for ${JSON.stringify(fs.options)}, the sequence needs ${blockSize(seq)}-byte blocks and ${JSON.stringify(seq.mount)}`);
  }
  const [setupFile, sessionFile, outFile] = ['setup', 'session', 'session.out'].map((f) => fs.scratch(f));
  const { commands, dumps } = sessionCommands(seq, fs.dir);
  writeFileSync(setupFile, lines(setupCommands(seq, fs.dir)));
  writeFileSync(sessionFile, lines(commands));
  const r = await fs.script(RUN, [setupFile, sessionFile, outFile]);
  if (!r.ok) throw new Error(`a run on the real ext4 failed: ${r.stderr.trim()}`);
  const bytes = dumpedBytes(readFileSync(outFile, 'utf8'));
  const stderr = readFileSync(`${outFile}.err`, 'utf8').trim();
  const expected = dumps.reduce((n, d) => n + d.bytes, 0);
  const bs = blockSize(seq);
  const onDisk = (f: string) => blockTags(readFileSync(fs.path(f)), bs);
  const reads: Array<number[] | null> = seq.ops.map(() => null);
  if (stderr !== '' || bytes.length !== expected) {
    const why = stderr !== '' ? stderr.split('\n')[0] : `dumped ${bytes.length} bytes where its reads return ${expected}`;
    return { reads, foo: onDisk('foo'), bar: onDisk('bar'), failed: `xfs_io: ${why}` };
  }
  let at = 0;
  for (const d of dumps) {
    reads[d.op] = blockTags(bytes.slice(at, at + d.bytes), bs);
    at += d.bytes;
  }
  return { reads, foo: onDisk('foo'), bar: onDisk('bar'), failed: null };
}

function lines(commands: readonly string[]): string {
  return commands.map((c) => `${c}\n`).join('');
}
