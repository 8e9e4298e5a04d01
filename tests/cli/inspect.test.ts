import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectCommand } from '../../src/cli/commands/inspect';
import { cli, refusalLine } from './run-cli';
import { janKaraCaseFile } from './jan-kara-case';

const caseFile = janKaraCaseFile();
const c = JSON.parse(readFileSync(caseFile, 'utf8'));

describe('npm run inspect', () => {
  it('draws a swimlane: a column per thread, a row per step, what changed, the violation marked and explained', () => {
    const r = cli('inspect', [caseFile]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const head = lines.find((l) => l.includes('T0 punch'))!;
    for (const lane of ['T0 punch', 'T1 mmapWrite page 0', 'T2 barWrite', 'T3 writeback page 0', 'what changed']) expect(head).toContain(lane);
    const rows = lines.filter((l) => /^[✗ ] *\d+ /.test(l));
    expect(rows).toHaveLength(c.schedule.length);
    // Each step's name sits in its own thread's column.
    const column = (lane: string) => head.indexOf(lane);
    const row18 = rows.find((l) => /^ +18 /.test(l))!;
    expect(row18.indexOf('ext4_ext_rm_leaf')).toBe(column('T0 punch'));
    expect(row18).toContain('block 0 freed');
    const row22 = rows.find((l) => /^ +22 /.test(l))!;
    expect(row22.indexOf('ext4_mb_new_blocks')).toBe(column('T2 barWrite'));
    expect(row22).toContain('block 0 allocated to bar');
    const last = rows[rows.length - 1];
    expect(last.startsWith('✗ 27')).toBe(true);
    expect(last).toContain('device write block 0');
    expect(rows.filter((l) => l.startsWith('✗'))).toHaveLength(1);
    expect(r.out).toContain('✗ step 27: bar-never-overwritten-by-foo violated: foo writeback (thread 3) wrote block 0, which bar owns since step 22');
  });

  it('--state prints the page cache, the extent maps and the block owners after every step', () => {
    const r = cli('inspect', [caseFile, '--state']);
    expect(r.code).toBe(0);
    expect(r.out.match(/^ +blocks: /gm)).toHaveLength(c.schedule.length + 1);
    expect(r.out).toContain('page 0: not cached');
    expect(r.out).toMatch(/foo: 0->hole, 1->hole, 2->block 2, 3->block 3 +bar: 0->block 0/);
    expect(r.out).toContain("0 bar (bar's data (thread 2))");
    expect(r.out).toContain('0 bar (the data of mmapWrite (thread 1))');
  });

  it('answers bad input with one line naming the file and field, exit 2, and writes no HTML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    const write = (name: string, body: string) => {
      writeFileSync(join(dir, name), body);
      return join(dir, name);
    };
    const edit = (f: (x: Record<string, unknown>) => void) => {
      const x = structuredClone(c);
      f(x);
      return JSON.stringify(x);
    };
    const cases: Array<[string, string]> = [
      [join(dir, 'none.json'), 'none.json: (file): no such file'],
      [write('bad.json', '{"format": 1,'), 'bad.json: (json): not valid JSON'],
      [write('v9.json', edit((x) => { x.format = 9; })), 'v9.json: format: unknown format version'],
      [write('variant.json', edit((x) => { x.variant = 'ext4-9.99'; })), 'variant.json: scenario.variant: unknown variant "ext4-9.99"'],
      [write('claim.json', edit((x) => { x.claim = 'no-bugs'; })), 'claim.json: claim: unknown claim'],
      [write('thread.json', edit((x) => { (x.schedule as number[])[3] = 7; })), 'thread.json: schedule.3: thread 7 does not exist'],
      [write('op.json', edit((x) => { (x.scenario as { threads: Array<{ op: string }> }).threads[0].op = 'fsync'; })), 'op.json: scenario.threads.0.op: unknown operation'],
      [write('step.json', edit((x) => { x.variant = { name: 'v', extends: 'ext4-3.11', punch: ['inode_lock', 'teleport'] }; })), 'step.json: variant.punch.1:'],
      [write('lock.json', edit((x) => { x.variant = { name: 'v', extends: 'ext4-3.11', locks: { write: ['big_kernel_lock:exclusive'] } }; })), 'lock.json: variant.locks.write'],
      [write('huge.json', edit((x) => { (x.scenario as { pages: number }).pages = 1e9; })), 'huge.json: scenario.pages'],
      [write('negative.json', edit((x) => { (x.schedule as number[])[0] = -1; })), 'negative.json: schedule.0'],
    ];
    // Every case in process (the command's own parse); the first three through the real command too.
    for (const [file, message] of cases) {
      for (const extra of [[], ['--html', join(dir, 'out.html')]]) expect(refusalLine(inspectCommand, [file, ...extra])).toContain(message);
    }
    for (const [file, message] of cases.slice(0, 3)) {
      for (const extra of [[], ['--html', join(dir, 'out.html')]]) {
        const r = cli('inspect', [file, ...extra]);
        expect(r.code, file).toBe(2);
        expect(r.err).toContain(message);
        expect(r.err.trim().split('\n')).toHaveLength(1);
      }
    }
    expect(existsSync(join(dir, 'out.html'))).toBe(false);
  });
});
