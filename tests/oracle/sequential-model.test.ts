import { describe, expect, it } from 'vitest';
import { OP } from '../../src/model/ops';
import { TAG_FOO_OLD, TAG_FOO_OLD_DIRTY, TAG_ZERO, threadTag } from '../../src/model/tags';
import { patchStep } from '../../src/mutants/model-mutants';
import { disagreements, MIXED, type Observation } from '../../src/oracle/observation';
import { describeSequence, type OpSequence, threadOf } from '../../src/oracle/op-sequence';
import { parseOracleMount } from '../../src/oracle/oracle-mount';
import { runOnModel } from '../../src/oracle/run-on-model';
import { blockTags, dumpedBytes, sessionCommands, setupCommands } from '../../src/oracle/xfs-io-script';
import { builtinVariant } from '../../src/variants/resolve-variant';

const v = builtinVariant('ext4-6.15');

function seq(over: Partial<OpSequence>): OpSequence {
  return { blocksPerPage: 1, mount: { data: 'data=writeback' }, pages: 1, layout: 'contiguous', cache: ['none'], punch: { start: 0, length: 1 }, ops: [{ op: 'punch' }], flush: 'fsync', ...over };
}

describe('the oracle on the model side: one operation after another', () => {
  it('a read after the punch returns zeros; a write after it is what the disk ends with', () => {
    expect(runOnModel(seq({ ops: [{ op: 'punch' }, { op: 'read', page: 0 }] }), v)).toEqual({ reads: [null, [TAG_ZERO]], foo: [TAG_ZERO], bar: [], failed: null });
    const s = seq({ ops: [{ op: 'punch' }, { op: 'write', page: 0 }, { op: 'read', page: 0 }] });
    expect(threadOf(s)).toEqual([0, 1, 2]);
    expect(runOnModel(s, v)).toEqual({ reads: [null, null, [threadTag(1)]], foo: [threadTag(1)], bar: [], failed: null });
  });

  it('dirty data outside the punched range reaches the disk at unmount; bar keeps its own', () => {
    const s = seq({ blocksPerPage: 2, cache: ['dirty'], punch: { start: 1, length: 1 }, mount: { data: 'data=ordered' }, ops: [{ op: 'barWrite', block: 0 }, { op: 'punch' }, { op: 'commit' }] });
    expect(threadOf(s)).toEqual([1, 0, 2]);
    expect(runOnModel(s, v)).toEqual({ reads: [null, null, null], foo: [TAG_FOO_OLD_DIRTY, TAG_ZERO], bar: [threadTag(1)], failed: null });
  });

  it('a thread that cannot move on its turn ends the run as failed, naming the step', () => {
    const stuck = (m: Parameters<typeof patchStep>[0]) => patchStep(m, OP.punch, 'inode_lock', (st) => ({ ...st, guard: () => false }));
    expect(runOnModel(seq({}), v, stuck).failed).toMatch(/^stuck at op 1: inode_lock/);
  });
});

describe('comparing the sides', () => {
  const s = seq({ ops: [{ op: 'punch' }, { op: 'read', page: 0 }] });
  const same: Observation = { reads: [null, [TAG_ZERO]], foo: [TAG_ZERO], bar: [], failed: null };
  it('agreeing sides give nothing; a differing read or disk block is one line naming both', () => {
    expect(disagreements(s, same, same)).toEqual([]);
    expect(disagreements(s, same, { ...same, reads: [null, [TAG_FOO_OLD]] })).toEqual(["op 2 (read page 0) read: model [zeros]; kernel [foo's old data]"]);
    expect(disagreements(s, same, { ...same, foo: [MIXED] })).toEqual(['foo on disk: model [zeros]; kernel [mixed bytes]']);
    expect(disagreements(s, same, { ...same, failed: 'xfs_io: pwrite: No space left on device' })).toHaveLength(1);
  });

  it('a sequence prints one line for foo and one an operation', () => {
    expect(describeSequence(s)).toEqual(['foo: 1 page of 1 block, contiguous, cache [none]; data=writeback', '1. punch block 0', '2. read page 0']);
  });
});

describe('the xfs_io side, without a kernel', () => {
  it('hex dumps are read back to bytes, and blocks to tags (MIXED where bytes differ)', () => {
    const dump = ['00000000:  01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01  ................', 'read 16/16 bytes at offset 0', '00000010:  02 02 02 02 02 02 02 02 02 02 02 02 02 02 02 05  ................'].join('\n');
    const bytes = dumpedBytes(dump);
    expect(bytes).toHaveLength(32);
    expect(blockTags(bytes, 16)).toEqual([1, MIXED]);
  });

  it('the session writes with the model\'s tags: thread k writes byte 3 + k, the page cache set up first', () => {
    const s2 = seq({ cache: ['dirty-mapped'], ops: [{ op: 'write', page: 0 }, { op: 'punch' }, { op: 'dioRead', page: 0 }] });
    const { commands, dumps } = sessionCommands(s2, '/m');
    expect(commands).toEqual([
      'mmap -rw 0 4096', 'open -d /m/foo', 'open -f -d /m/bar', 'file 0',
      'mwrite -S 2 0 4096',
      'file 0', `pwrite -q -S ${threadTag(1)} 0 4096`,
      'file 0', 'fpunch 0 4096',
      'file 1', 'pread -v 0 4096',
    ]);
    expect(dumps).toEqual([{ op: 2, bytes: 4096 }]);
    expect(setupCommands(seq({ layout: 'hole-first', pages: 2 }), '/m')).toEqual(['open -f /m/spacer', 'file 0', 'truncate 8192', 'pwrite -q -S 1 4096 4096', 'fsync', 'fadvise -d 0 8192']);
  });

  it('--mount: data= and dioread_nolock, each at most once', () => {
    expect(parseOracleMount('data=writeback,dioread_nolock')).toEqual({ mount: { data: 'data=writeback', dioreadNolock: true } });
    expect(parseOracleMount('nodioread_nolock')).toEqual({ mount: { data: 'data=ordered', dioreadNolock: false } });
    expect(parseOracleMount('data=ordered,data=writeback')).toEqual({ error: 'gives data= twice in "data=ordered,data=writeback"' });
    expect(parseOracleMount('journal')).toHaveProperty('error');
  });
});
