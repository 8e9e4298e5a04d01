import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseSchema } from '../../src/cases/case-format';
import { janKaraCaseFile } from '../cli/jan-kara-case';

const WRITERS = 6;
const template = readFileSync(janKaraCaseFile(), 'utf8');

function writer(dir: string, who: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/cases/write-cases-worker.ts', dir, String(who), template]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(out))));
  });
}

describe('parallel writers into one shrunk-cases directory', () => {
  it(`lose nothing: ${WRITERS} processes at once, every case once, every file whole, no temporary left, no conflict overwritten`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'writers-'));
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, who) => writer(dir, who)));
    const folder = join(dir, 'ext4-3.11', 'bar-never-overwritten-by-foo');
    const files = readdirSync(folder);
    expect(files.filter((f) => !f.endsWith('.json'))).toEqual([]); // no temporary file left
    // 20 shared cases and 20 of each writer's own, each exactly once.
    expect(files).toHaveLength(20 + 20 * WRITERS);
    const cases = files.map((f) => caseSchema.parse(JSON.parse(readFileSync(join(folder, f), 'utf8'))));
    for (const c of cases) expect(`${c.id}.json`).toBe(files[cases.indexOf(c)]);
    // Each shared case was written by exactly one writer; the others found it there.
    for (let k = 0; k < 20; k++) {
      const outcomes = results.map((r) => r[`shared-${k}`]);
      expect(outcomes.filter((o) => o === 'written')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'exists')).toHaveLength(WRITERS - 1);
    }
    for (const [who, r] of results.entries()) for (let k = 0; k < 20; k++) expect(r[`own-${who}-${k}`]).toBe('written');
    // The impostors all claim shared-0's id with other content: none replaced the real one.
    expect(results.map((r) => r.impostor)).toEqual(Array(WRITERS).fill('conflict'));
    const shared0 = cases.find((c) => c.schedule.length === JSON.parse(template).schedule.length + 1 && c.schedule.at(-1) === 0)!;
    expect(readdirSync(folder)).toContain(`${shared0.id}.json`);
  });
});
