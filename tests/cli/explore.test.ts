import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function explore(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/punch-hunt.ts', 'explore', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run explore', () => {
  it('prints one JSON cell per variant, geometry and claim, with verdicts and cases', () => {
    const out = mkdtempSync(join(tmpdir(), 'explore-'));
    const r = explore(['--variant', 'ext4-3.11,ext4-5.15', '--blocks-per-page', '2', '--threads', '1', '--json', '--out', out]);
    expect(r.code).toBe(0);
    const { cells } = JSON.parse(r.out);
    expect(cells).toHaveLength(12);
    for (const c of cells) {
      expect(Object.keys(c).sort()).toEqual(
        ['blocksPerPage', 'case', 'claim', 'collisionBound', 'cut', 'elapsedMs', 'mount', 'ops', 'saved', 'shortestSteps', 'states', 'threads', 'transitions', 'unreached', 'vacuous', 'variant', 'verdict', 'why'],
      );
    }
    const cell = (v: string, claim: string) => cells.find((c: { variant: string; claim: string }) => c.variant === v && c.claim === claim);
    // One thread beside the punch: a read racing the punch maps blocks RM frees (10 steps); bar is never overwritten.
    expect(cell('ext4-3.11', 'no-page-maps-freed-block')).toMatchObject({ verdict: 'violated', shortestSteps: 10 });
    expect(cell('ext4-3.11', 'no-page-maps-freed-block').case).toMatch(/ext4-3.11\/no-page-maps-freed-block\/[0-9a-f]{12}\.json$/);
    expect(cell('ext4-3.11', 'bar-never-overwritten-by-foo')).toMatchObject({ verdict: 'held', shortestSteps: null, case: null });
    // No-foreign-data-exposed needs bar's write and a read: with one thread it cannot fail, so it is not searched (never "held").
    for (const c of cells.filter((x: { variant: string }) => x.variant === 'ext4-5.15')) {
      expect(c.verdict).toBe(c.claim === 'no-foreign-data-exposed' ? 'not-searched' : 'held');
    }
    expect(cell('ext4-3.11', 'no-foreign-data-exposed').why).toContain('needs 2 threads beside the punch');
  });

  it('--user-buffers adds writes from a mapping of foo: the naive fault fix deadlocks with them, and only with them', () => {
    const args = ['--variant-file', 'examples/naive-fixes/fault-takes-i_rwsem.json', '--blocks-per-page', '1', '--mount', 'data=writeback', '--ops', 'write', '--threads', '1', '--claim', 'no-deadlock', '--json', '--out', mkdtempSync(join(tmpdir(), 'explore-'))];
    const withBuffers = JSON.parse(explore([...args, '--user-buffers']).out);
    expect(withBuffers.userBuffers).toBe(true);
    expect(withBuffers.cells[0]).toMatchObject({ claim: 'no-deadlock', verdict: 'violated', shortestSteps: 3 });
    expect(JSON.parse(explore(args).out).cells[0]).toMatchObject({ claim: 'no-deadlock', verdict: 'held' });
  });

  it('says incomplete, never held, when the state bound is hit', () => {
    const r = explore(['--variant', 'ext4-5.15', '--blocks-per-page', '1', '--threads', '2', '--max-states', '1000', '--json', '--out', mkdtempSync(join(tmpdir(), 'explore-'))]);
    const { cells } = JSON.parse(r.out);
    expect(cells.every((c: { verdict: string }) => c.verdict === 'incomplete')).toBe(true);
  });

  it('rejects a bad option value with one line, exit 2', () => {
    for (const args of [['--threads', '9'], ['--variant', 'ext4-2.6'], ['--claim', 'fast'], ['--mount', 'never'], ['--ops', 'read,fsync'], ['--variant-file', '/nope.json']]) {
      const r = explore(args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('rejects at load a punch that releases a lock in the wrong mode, and a lock order with a cycle: one line naming the file and field, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'explore-'));
    const typo = join(dir, 'typo.json');
    const punch = ['filemap_write_and_wait_range', 'inode_lock', 'inode_dio_wait', 'filemap_invalidate_lock', 'truncate_pagecache_range',
      'ext4_journal_start', 'ext4_ext_remove_space', 'ext4_journal_stop', 'up_read(invalidate_lock)', 'inode_unlock'];
    writeFileSync(typo, JSON.stringify({ name: 'typo', extends: 'ext4-5.15', punch }));
    const inverted = join(dir, 'inverted.json');
    writeFileSync(inverted, JSON.stringify({ name: 'inverted', extends: 'ext4-5.15', locks: { 'dio.write': ['invalidate_lock:shared', 'i_rwsem:exclusive'] } }));
    const out = join(dir, 'out');
    const r = explore(['--variant-file', typo, '--threads', '1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([`explore: ${typo}: punch.8: "up_read(invalidate_lock)" releases invalidate_lock shared, but punch.3 took it exclusive: release it with up_write(invalidate_lock)`]);
    const c = explore(['--variant-file', inverted, '--threads', '1', '--out', out]);
    expect(c.code).toBe(2);
    expect(c.err.trim().split('\n')).toHaveLength(1);
    expect(c.err).toContain(`${inverted}: locks.dio.write.1: lock order cycle: i_rwsem -> invalidate_lock (held from punch.1, taken at punch.3); invalidate_lock -> i_rwsem (held from locks.dio.write.0, taken at locks.dio.write.1)`);
    expect(existsSync(out)).toBe(false);
    // --load-checks off runs it all the same, as the mutants are run: the claims judge it instead.
    const off = explore(['--variant-file', inverted, '--threads', '1', '--ops', 'dioWrite', '--claim', 'no-deadlock', '--load-checks', 'off', '--json', '--out', out]);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.out).cells[0]).toMatchObject({ claim: 'no-deadlock', verdict: 'violated' });
  });
});
