import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
});
