import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCommand } from '../../src/cli/commands/merge';
import { exploreCommand } from '../../src/cli/commands/explore';
import { cli, refusalLine } from './run-cli';

/**
 * explore --shard i/n and merge: the shards of a family, merged, give the
 * verdicts and shortest lengths of the whole family explored at once
 * (ext4-3.11, data=ordered, one block a page, two threads: four claims
 * broken, two held); a missing, repeated or foreign shard is refused.
 */
describe('explore --shard and merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'merge-'));
  const family = ['--variant', 'ext4-3.11', '--threads', '2', '--blocks-per-page', '1', '--jobs', '1', '--json', '--out', join(dir, 'cases')];
  const explore = (extra: string[], file: string) => {
    const r = cli('explore', [...family, ...extra]);
    expect(r.code).toBe(0);
    writeFileSync(join(dir, file), r.out);
    return JSON.parse(r.out) as { cells: Array<{ claim: string; verdict: string; shortestSteps: number | null; states: number; case: string | null }> };
  };

  it('two shards merged: the verdicts and shortest lengths of the whole family, and the shards\' cases', () => {
    const whole = explore([], 'whole.json');
    const shards = [explore(['--shard', '1/2'], 's0.json'), explore(['--shard', '2/2'], 's1.json')];
    const r = cli('merge', [join(dir, 's0.json'), join(dir, 's1.json')]);
    expect(r.code).toBe(0);
    const merged = JSON.parse(r.out) as typeof whole & { shard: null };
    const verdicts = (j: typeof whole) => j.cells.map((c) => `${c.claim} ${c.verdict} ${c.shortestSteps}`);
    expect(verdicts(merged)).toEqual(verdicts(whole));
    expect(merged.cells.filter((c) => c.verdict === 'violated')).toHaveLength(4);
    expect(merged.cells.filter((c) => c.verdict === 'held')).toHaveLength(2);
    // Each shard alone explores fewer states than the family; a held is not claimed for a shard's cells but by merge.
    for (const s of shards) expect(s.cells[0].states).toBeLessThan(whole.cells[0].states);
    expect(merged.cells[0].states).toBe(shards[0].cells[0].states + shards[1].cells[0].states);
    for (const c of merged.cells.filter((x) => x.case !== null)) expect(shards.some((s) => s.cells.some((x) => x.case === c.case))).toBe(true);
    expect(merged.shard).toBeNull();
  }, 120_000);

  it('refuses a missing, repeated, foreign or whole-family file, naming it and the field', () => {
    const s0 = join(dir, 's0.json');
    expect(refusalLine(mergeCommand, [s0])).toBe('(arguments): SHARD.json: shard 2/2 is missing');
    expect(refusalLine(mergeCommand, [s0, s0])).toBe(`${s0}: shard.index: 1 again (${s0} is that shard too)`);
    expect(refusalLine(mergeCommand, [join(dir, 'whole.json')])).toBe(`${join(dir, 'whole.json')}: shard: null: not a shard (explore was run without --shard)`);
    const other = JSON.parse(readFileSync(join(dir, 's1.json'), 'utf8'));
    other.cells[2].variant = 'ext4-5.15';
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify(other));
    expect(refusalLine(mergeCommand, [s0, join(dir, 'foreign.json')])).toMatch(/foreign\.json: cells\.2\.variant: ext4-5\.15, but .* has ext4-3\.11: not the same family$/);
    writeFileSync(join(dir, 'bad.json'), '{"cells": 3}');
    expect(refusalLine(mergeCommand, [join(dir, 'bad.json')])).toMatch(/bad\.json: cells: /);
    expect(refusalLine(mergeCommand, [])).toMatch(/^\(arguments\): SHARD\.json: usage/);
  }, 120_000);

  it('explore refuses a shard that is not i/n with 1 <= i <= n', () => {
    for (const bad of ['3/2', '1', 'a/b', '0/2', '0/0']) expect(refusalLine(exploreCommand, ['--shard', bad])).toMatch(/^\(arguments\): --shard: /);
  });
});
