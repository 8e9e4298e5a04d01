import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseId, canonicalJson } from '../../src/cases/case-id';
import { casePath, saveCase, variantDirName } from '../../src/cases/case-store';
import { loadCase } from '../../src/cases/load-case';
import { makeCase } from '../../src/cases/make-case';
import { replayCase } from '../../src/cases/replay-case';
import { builtinVariant, resolveVariant } from '../../src/variants/resolve-variant';
import { scenario, times } from '../helpers';

const sc = scenario({ variant: 'ext4-3.11', threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }] });
const race = [...times(0, 3), ...times(1, 11), ...times(0, 7), 2, 2, 3, 3, 3, 3];
const origin = { strategy: 'hand' as const, seed: null, path: null, runs: null, msToFirstFailure: null, stepsBeforeShrinking: null, shortestSteps: null };

function janCase() {
  const c = makeCase(builtinVariant('ext4-3.11'), 'bar-never-overwritten-by-foo', sc, race, origin);
  if (c === null) throw new Error('the race should break the claim');
  return c;
}

describe('shrunk cases', () => {
  it('derive their id from variant, claim, scenario and schedule only', () => {
    const c = janCase();
    expect(c.id).toMatch(/^[0-9a-f]{12}$/);
    expect(c.id).toBe(caseId({ variant: 'ext4-3.11', claim: c.claim, scenario: { ...sc }, schedule: race }));
    expect(caseId({ variant: 'ext4-3.11', claim: c.claim, scenario: sc, schedule: [...race, 0] })).not.toBe(c.id);
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('are written once to shrunk-cases/<variant>/<claim>/<id>.json, leaving no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    const c = janCase();
    expect(saveCase(dir, c)).toBe('written');
    expect(saveCase(dir, c)).toBe('exists');
    const folder = join(dir, 'ext4-3.11', 'bar-never-overwritten-by-foo');
    expect(readdirSync(folder)).toEqual([`${c.id}.json`]);
  });

  it('never overwrite a different race stored under the same id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    const c = janCase();
    saveCase(dir, c);
    const path = casePath(dir, c);
    const edited = { ...JSON.parse(readFileSync(path, 'utf8')), schedule: [0] };
    writeFileSync(path, JSON.stringify(edited));
    expect(saveCase(dir, c)).toBe('conflict');
    expect(JSON.parse(readFileSync(path, 'utf8')).schedule).toEqual([0]);
    // A damaged file is not "a different case": it is corrupt, and left as it is too.
    writeFileSync(path, '{"format": 1, "id"');
    expect(saveCase(dir, c)).toBe('corrupt');
    expect(readFileSync(path, 'utf8')).toBe('{"format": 1, "id"');
  });

  it('load, validate and replay, reproducing the violation at the same step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    const c = janCase();
    saveCase(dir, c);
    const outcome = replayCase(loadCase(casePath(dir, c)));
    expect(outcome).toMatchObject({ reproduced: true, claim: 'bar-never-overwritten-by-foo', steps: 27 });
  });

  it('do not reproduce on a variant that fixed the race', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    const c = janCase();
    const key = { variant: 'ext4-4.5', claim: c.claim, scenario: { ...sc, variant: 'ext4-4.5' }, schedule: c.schedule };
    const fixed = { ...c, ...key, id: caseId(key) };
    const file = join(dir, 'fixed.json');
    writeFileSync(file, JSON.stringify(fixed));
    expect(replayCase(loadCase(file)).reproduced).toBe(false);
  });

  it('carry a user variant in full, and replay on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    const v = resolveVariant({ name: 'mine', extends: 'ext4-3.11' });
    const c = makeCase(v, 'bar-never-overwritten-by-foo', { ...sc, variant: 'mine' }, race, origin);
    expect(typeof c?.variant).toBe('object');
    saveCase(dir, c!);
    // Under its name and its definition's hash: another definition named "mine" gets another directory.
    expect(existsSync(join(dir, variantDirName(c!.variant), 'bar-never-overwritten-by-foo', `${c!.id}.json`))).toBe(true);
    expect(variantDirName(c!.variant)).toMatch(/^mine@[0-9a-f]{8}$/);
    const other = makeCase(resolveVariant({ name: 'mine', extends: 'ext4-3.11', description: 'another' }), 'bar-never-overwritten-by-foo', { ...sc, variant: 'mine' }, race, origin);
    expect(variantDirName(other!.variant)).not.toBe(variantDirName(c!.variant));
    expect(replayCase(loadCase(casePath(dir, c!))).reproduced).toBe(true);
  });

  it('name the file and the field when malformed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    const good = janCase();
    const write = (name: string, body: unknown) => {
      const f = join(dir, name);
      writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
      return f;
    };
    const cases: Array<[string, unknown, string]> = [
      ['json.json', '{ nope', 'json.json: (json): not valid JSON'],
      ['format.json', { ...good, format: 9 }, 'format: unknown format version'],
      ['claim.json', { ...good, claim: 'no-bugs' }, 'claim: unknown claim'],
      ['variant.json', { ...good, variant: 'ext4-2.6' }, 'scenario.variant: unknown variant "ext4-2.6"'],
      ['thread.json', { ...good, schedule: [0, 9] }, 'schedule.1: thread 9 does not exist'],
      ['negative.json', { ...good, schedule: [-1] }, 'schedule.0:'],
      ['op.json', { ...good, scenario: { ...sc, threads: [{ op: 'fsync', page: 0 }] } }, 'scenario.threads.0.op: unknown operation'],
      ['step.json', { ...good, variant: { name: 'v', punch: ['truncate_everything'] } }, 'variant.punch.0: unknown punch step'],
      ['lock.json', { ...good, variant: { name: 'v', punch: ['down_write(big_lock)'] } }, 'variant.punch.0: unknown lock "big_lock"'],
    ];
    for (const [name, body, message] of cases) expect(() => loadCase(write(name, body))).toThrow(message);
    expect(() => loadCase(join(dir, 'missing.json'))).toThrow('missing.json: (file): no such file');
  });
});
