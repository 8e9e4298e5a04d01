import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { janKaraCaseFile } from './jan-kara-case';

function cli(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/punch-hunt.ts', script, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const janCase = janKaraCaseFile();

describe('npm run trace', () => {
  it('replays a run file and marks the violation', () => {
    const r = cli('trace', ['examples/jan-kara-race.json', '--claim', 'bar-never-overwritten-by-foo']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('violated bar-never-overwritten-by-foo at step 27: foo writeback (thread 3) wrote block 0, which bar owns since step 22');
  });

  it('reads a shrunk case too', () => {
    const r = cli('trace', [janCase, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).violation.claim).toBe('bar-never-overwritten-by-foo');
  });

  it('answers bad input with one line naming the file and field, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ scenario: { variant: 'ext4-3.11', blocksPerPage: 3 }, schedule: [] }));
    for (const [args, message] of [
      [[join(dir, 'none.json')], 'none.json: (file): no such file'],
      [[bad], 'bad.json: scenario.blocksPerPage: must be 1 or 2'],
      [['examples/jan-kara-race.json', '--claim', 'no-bugs'], '--claim: unknown value "no-bugs"'],
      [['examples/jan-kara-race.json', '--colour'], "Unknown option '--colour'"],
    ] as const) {
      const r = cli('trace', [...args]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});

describe('npm run replay', () => {
  it('prints {"reproduced","claim","steps"} with --json', () => {
    const r = cli('replay', [janCase, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ reproduced: true, claim: 'bar-never-overwritten-by-foo' });
  });

  it('exits 2 with one line on a missing or malformed case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[1,2');
    for (const file of [bad, join(dir, 'none.json')]) {
      const r = cli('replay', [file]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
