import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseId } from '../../src/cases/case-id';
import { allRefused, fingerprintOf, isRoot, leftoverTemps, refused, run, runAsync, scratch } from './hostile-world';
import { janKaraCaseFile, otherCaseFile } from './jan-kara-case';

/**
 * The commands tried as a hostile user would (issue 16), each as a real
 * process: one test per promise. Every refusal exits 2 with one line and no
 * stack trace, leaves the watched paths exactly as they were, leaves no
 * temporary file, and changes nothing in the repository (hostile-world.ts).
 */
const CASE = janKaraCaseFile();
const OTHER_CASE = otherCaseFile();
/** A small family that breaks no-page-maps-freed-block in 10 steps, in about a second. */
const QUICK_EXPLORE = ['--variant', 'ext4-3.11', '--blocks-per-page', '2', '--threads', '1', '--claim', 'no-page-maps-freed-block', '--json'];

function mknodNull(path: string): void {
  execFileSync('mknod', [path, 'c', '1', '3']);
}

async function withMount(options: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = scratch('mount');
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  try {
    await body(dir);
  } finally {
    execFileSync('umount', [dir]);
  }
}

describe('1. outputs are never destroyed', () => {
  it('inspect --html refuses another case, the case itself (even with --force), a directory, a FIFO and an existing file without --force', async () => {
    const dir = scratch('html');
    const other = join(dir, 'other.json');
    copyFileSync(OTHER_CASE, other);
    const inspected = join(dir, 'case.json');
    copyFileSync(CASE, inspected);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const o = { dir, watch: [other, inspected, fifo, dir] };
    await allRefused([
      ['inspect', [inspected, '--html', other], { ...o, says: 'other.json: --html: exists; give --force to replace it' }],
      ['inspect', [inspected, '--html', inspected], { ...o, says: 'an input of this command' }],
      ['inspect', [inspected, '--html', inspected, '--force'], { ...o, says: 'an input of this command' }],
      ['inspect', [inspected, '--html', dir], { ...o, says: 'is a directory; only a regular file is ever replaced' }],
      ['inspect', [inspected, '--html', `${dir}/sub/..`], { ...o, says: 'not a file name' }],
      ['inspect', [inspected, '--html', fifo, '--force'], { ...o, says: 'is a FIFO; only a regular file is ever replaced' }],
      ['inspect', [inspected, '--html', join(dir, 'missing', 'out.html')], { ...o, says: 'its directory' }],
    ]);
    // With --force, a regular file that is not an input is replaced, whole, and nothing is left beside it.
    const r = run('inspect', [inspected, '--html', other, '--force']);
    expect(r.code).toBe(0);
    expect(readFileSync(other, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(leftoverTemps(dir)).toEqual([]);
  });

  it.skipIf(!isRoot)('inspect --html refuses a device node, even with --force, as root (skipped when not root: mknod needs it)', async () => {
    const dir = scratch('dev');
    const dev = join(dir, 'null');
    mknodNull(dev);
    await refused('inspect', [CASE, '--html', dev, '--force'], { dir, watch: [dev], says: 'is a device; only a regular file is ever replaced' });
  });

  it('output directories are checked before any work: a file, an empty name, /proc, a path through a file', async () => {
    const dir = scratch('outdir');
    const file = join(dir, 'file');
    writeFileSync(file, 'mine');
    const o = { dir, watch: [file, dir] };
    await allRefused([
      ...(['hunt', 'explore'] as const).flatMap((cmd) => [
        [cmd, ['--variant', 'ext4-5.15', '--out', file], { ...o, says: 'file: --out: is a regular file, not a directory' }],
        [cmd, ['--variant', 'ext4-5.15', '--out', ''], { ...o, says: '--out: an empty directory name' }],
        [cmd, ['--variant', 'ext4-5.15', '--out', '/proc'], { ...o, says: '/proc: --out: is not writable', timeoutMs: 20_000 }],
        [cmd, ['--variant', 'ext4-5.15', '--out', join(file, 'cases')], { ...o, says: 'cannot be created' }],
      ] as const),
      ['discover', ['--cases', file, '--out', join(dir, 'm.json')], { ...o, says: 'file: --cases: is a regular file, not a directory' }],
    ]);
  });

  it.skipIf(!isRoot)('a read-only file system is refused before work; a full one loses no result: each case unsaved is said, exit 1 (root: mounts)', async () => {
    await withMount('ro,size=1m', async (ro) => {
      await refused('explore', [...QUICK_EXPLORE, '--out', ro], { dir: ro, watch: [ro], says: 'is not writable: read-only file system' });
    });
    await withMount('size=64k', async (full) => {
      writeFileSync(join(full, 'filler'), Buffer.alloc(64 * 1024)); // a directory can still be made; no file can grow
      const r = run('explore', [...QUICK_EXPLORE, '--out', full]);
      expect(r.code).toBe(1);
      expect(r.err).not.toMatch(/\n\s+at /);
      const [cell] = JSON.parse(r.out).cells;
      expect(cell).toMatchObject({ verdict: 'violated', shortestSteps: 10, case: null, saved: 'failed' });
      expect(leftoverTemps(full)).toEqual([]);
    });
  });

  it('a case file already there is never replaced: a different case is "conflict", a damaged one "corrupt", neither given as the path; stale temporary files of dead processes are removed', () => {
    const out = scratch('saved');
    const first = JSON.parse(run('explore', [...QUICK_EXPLORE, '--out', out]).out).cells[0];
    expect(first).toMatchObject({ saved: 'written' });
    const path: string = first.case;
    const stale = join(dirname(path), `.x.json.99999999.0.punch-harness-tmp`); // pid 99999999 is above Linux's pid_max: never alive
    writeFileSync(stale, 'half a case');
    for (const [planted, outcome] of [[readFileSync(OTHER_CASE, 'utf8'), 'conflict'], ['{"format": 1, "id": "trunc', 'corrupt']] as const) {
      writeFileSync(path, planted);
      const r = run('explore', [...QUICK_EXPLORE, '--out', out]);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out).cells[0]).toMatchObject({ verdict: 'violated', case: null, saved: outcome });
      expect(readFileSync(path, 'utf8')).toBe(planted);
      const text = run('explore', [...QUICK_EXPLORE.filter((a) => a !== '--json'), '--out', out]);
      expect(text.out).toContain(outcome === 'conflict' ? 'NOT saved: a different case has this name' : 'NOT saved: the file there is not a readable case');
      expect(text.out).not.toContain(path);
    }
    expect(leftoverTemps(out)).toEqual([]);
  });

  it('matrix, discover and mutants refuse to replace a file they did not write, and validate the files they read, before any work', async () => {
    const dir = scratch('results');
    const notes = join(dir, 'notes.md');
    writeFileSync(notes, 'my notes');
    const badExpected = join(dir, 'expected.json');
    writeFileSync(badExpected, JSON.stringify({ generatedBy: 'npm run discover', budget: { runsPerCell: 1, exhaustiveStates: 1, seed: 1 }, cells: [{ variant: 'x' }] }));
    const o = { dir, watch: [notes, badExpected] };
    const json = join(dir, 'explored.json');
    await allRefused([
      ['matrix', ['--out', notes, '--json', json, '--expected', join(dir, 'none.json')], { ...o, says: 'notes.md: --out: exists; give --force to replace it' }],
      ['matrix', ['--out', join(dir, 'M.md'), '--json', json, '--expected', badExpected], { ...o, says: 'expected.json: cells.0.claim' }],
      ['matrix', ['--out', json, '--json', json], { ...o, says: '--json: is also --out' }],
      ['matrix', ['--threads', '9'], { ...o, says: '--threads: must be a decimal integer from 0 to 4' }],
      ['discover', ['--out', badExpected, '--cases', join(dir, 'cases')], { ...o, says: 'expected.json: cells.0.claim' }],
      ['discover', ['--out', join(dir, 'e.json'), '--explored', notes, '--cases', join(dir, 'cases')], { ...o, says: 'notes.md: (json): not valid JSON' }],
      ['mutants', ['--only', 'ext4-5.15--nothing'], { ...o, says: '--only: unknown value' }],
    ]);
  });
});

describe('2. bounds are bounds', () => {
  it('--max-states holds as states are added: the count is the bound exactly, and a line of progress comes every few seconds without a terminal', () => {
    const dir = scratch('bound');
    const r = run('explore', ['--variant', 'ext4-5.15', '--blocks-per-page', '2', '--threads', '3', '--claim', 'no-deadlock', '--max-states', '2500000', '--json', '--out', dir]);
    expect(r.code).toBe(0);
    const [cell] = JSON.parse(r.out).cells;
    expect(cell).toMatchObject({ verdict: 'incomplete', cut: 'states', states: 2_500_000 });
    expect(r.err).toMatch(/^explore ext4-5\.15 data=ordered B=2: \d+\/2500000 states, depth \d+ \(\d+ s\)$/m);
  });

  it('--max-states 1000000 on a family of millions stops at 1,000,000 states', () => {
    const r = run('explore', ['--variant', 'ext4-3.15', '--blocks-per-page', '2', '--threads', '3', '--claim', 'no-deadlock', '--max-states', '1000000', '--json', '--out', scratch('million')]);
    const [cell] = JSON.parse(r.out).cells;
    expect(cell).toMatchObject({ verdict: 'incomplete', cut: 'states', states: 1_000_000 });
  });

  it('--pages 4 --threads 4 --max-states 1 ends at once, incomplete, under 1 GB', () => {
    const r = run('explore', ['--variant', 'ext4-5.15', '--pages', '4', '--threads', '4', '--max-states', '1', '--json', '--out', scratch('tiny')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    for (const c of out.cells) expect(c).toMatchObject({ verdict: 'incomplete', cut: 'states', states: 1 });
    expect(out.peakRssMb).toBeLessThan(1024);
  });

  it('the memory guard turns exhaustion into "incomplete (memory)", not a crash', () => {
    const r = run('explore', ['--variant', 'ext4-5.15', '--blocks-per-page', '2', '--threads', '3', '--claim', 'no-deadlock', '--max-memory-mb', '64', '--out', scratch('memory')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no-deadlock +incomplete \(memory\)/);
  });
});

describe('3. names are safe', () => {
  it('a variant name that is a path, an option or a built-in\'s is refused', async () => {
    const dir = scratch('names');
    const out = join(dir, 'cases');
    const pattern = 'letters, digits, ".", "_" and "-" only, not starting with "." or "-"';
    const names = [['..', pattern], ['.', pattern], ['-rf', pattern], ['a/b', pattern], ['ext4-5.15', '"ext4-5.15" is a built-in variant\'s name']] as const;
    await allRefused([
      ...names.map(([name, says], k) => {
        const file = join(dir, `v${k}.json`);
        writeFileSync(file, JSON.stringify({ name, extends: 'ext4-5.15' }));
        return ['hunt', ['--variant-file', file, '--out', out], { dir, watch: [out], says: `v${k}.json: name: ${says}` }] as const;
      }),
      ['hunt', ['--variant', 'ext4-5.15,ext4-5.15', '--out', out], { dir, watch: [out], says: '"ext4-5.15" is given twice' }],
    ]);
  });

  it('a case directory that resolves outside --out (a planted link) is not written; the case is said unsaved', () => {
    const dir = scratch('link');
    const out = join(dir, 'cases');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'ext4-3.11'));
    const r = run('explore', [...QUICK_EXPLORE, '--out', out]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).cells[0]).toMatchObject({ verdict: 'violated', case: null, saved: 'failed' });
    expect(fingerprintOf(elsewhere)).toMatch(/^dir \d+ \d+ \d+ $/); // still empty
  });
});

describe('4. cases are evidence, not assertions', () => {
  const original = JSON.parse(readFileSync(CASE, 'utf8'));

  it('replay shows what the replay produced: a stored message that differs is a mismatch, shown escaped, exit 1', () => {
    const dir = scratch('evidence');
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify({ ...original, violation: { ...original.violation, message: 'all good \u001b[32mOK\u001b[0m \u202eevil' } }));
    const r = run('replay', [file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('mismatch: bar-never-overwritten-by-foo fails at step 27');
    expect(r.out).toContain('foo writeback (thread 3) wrote block 0');
    expect(r.out).toContain('all good \\u001b[32mOK\\u001b[0m \\u202eevil');
    expect(r.out).not.toMatch(/[\u001b\u202e]/);
    const ok = run('replay', [CASE]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`reproduced bar-never-overwritten-by-foo in 27 steps: ${original.violation.message}`);
  });

  it('a case whose id is not its content\'s hash, or whose scenario names another variant, is refused', async () => {
    const dir = scratch('forged');
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...original, schedule: original.schedule.slice(0, -1) }));
    const forgedRefused = refused('replay', [forged], { dir, watch: [forged], says: `forged.json: id: ${original.id} is not the hash` });
    const key = { variant: 'ext4-4.5', claim: original.claim, scenario: original.scenario, schedule: original.schedule };
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...original, ...key, id: caseId(key) }));
    await refused('inspect', [other], { dir, watch: [other], says: 'other.json: scenario.variant: "ext4-3.11" is not the case\'s variant "ext4-4.5"' });
    await forgedRefused;
  });

  it('a user variant\'s description with bidirectional and escape characters is shown escaped, in the terminal and the HTML', () => {
    const dir = scratch('bidi');
    const variant = { name: 'mine', description: 'evil \u202e\u2066txt.exe\u001b]0;x\u0007', extends: 'ext4-3.11' };
    const key = { variant: { ...variant }, claim: original.claim, scenario: { ...original.scenario, variant: 'mine' }, schedule: original.schedule };
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ ...original, ...key, id: caseId(key) }));
    const html = join(dir, 'out.html');
    const r = run('inspect', [file, '--html', html]);
    expect(r.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('evil \\u202e\\u2066txt.exe\\u001b]0;x\\u0007');
    expect(page).not.toMatch(/[\u202e\u2066\u001b\u0007]/);
  });
});

describe('5. options are checked where they are read', () => {
  it('numbers are decimal integers in range: no hex, no exponent, no sign, no spaces, no fraction', async () => {
    const dir = scratch('numbers');
    // More forms are tried in process by properties/hostile-command-lines.test.ts; these go through the real command.
    await allRefused([
      ...['0x10', '1e3', '+5', '5.0'].map((bad) =>
        ['hunt', ['--runs', bad, '--out', join(dir, 'c')], { dir, says: `--runs: must be a decimal integer from 1 to 1000000000, got "${bad}"` }] as const),
      ['explore', ['--max-states', '0x10', '--out', join(dir, 'c')], { dir, says: '--max-states: must be a decimal integer' }],
      ['bench', ['--seeds', '1e3'], { dir, says: '--seeds: must be a decimal integer' }],
    ]);
  });

  it('--ops that leaves a named claim without what it needs is one line naming both; by default such cells are "not searched", said so', async () => {
    const dir = scratch('ops');
    const hunt = ['--ops', 'read,write', '--variant', 'patlasov-v1', '--blocks-per-page', '1', '--mount', 'data=writeback', '--runs', '20', '--budget-ms', '600000'];
    // The two hunts save apart from the refusals' directory, whose temporary files are counted.
    const [text, json] = await Promise.all([
      runAsync('hunt', [...hunt, '--out', scratch('ops-text')]),
      runAsync('hunt', [...hunt, '--json', '--out', scratch('ops-json')]),
      allRefused([
        ['hunt', ['--ops', 'read,write', '--claim', 'bar-never-overwritten-by-foo', '--out', join(dir, 'c')], { dir, says: '--claim: bar-never-overwritten-by-foo needs barWrite, which --ops leaves out' }],
        ['explore', ['--ops', 'barWrite,write', '--claim', 'no-foreign-data-exposed', '--out', join(dir, 'c')], { dir, says: 'no-foreign-data-exposed needs one of read, mmapRead, dioRead' }],
      ]),
    ]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/patlasov-v1 .*n\/s/);
    expect(text.out).toContain('n/s: not searched: the operations chosen (--ops, --threads) cannot break this claim');
    const j = JSON.parse(json.out);
    expect(j.cells.filter((c: { verdict: string }) => c.verdict === 'not-searched').map((c: { claim: string }) => c.claim)).toEqual(['bar-never-overwritten-by-foo', 'no-foreign-data-exposed']);
  });
});

describe('7. inputs are files', () => {
  it('refuses /dev/zero, a FIFO, a directory and a file over the size limit before reading, at once', async () => {
    const dir = scratch('inputs');
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 17 * 1024 * 1024);
    const inputs = [['/dev/zero', 'is a device, not a regular file'], [fifo, 'is a FIFO, not a regular file'], [dir, 'is a directory, not a regular file'],
      [big, 'over the 16777216-byte limit']] as const;
    // inspect and trace read through the same function (src/files/input-file.ts); the property tries them in process.
    await allRefused(inputs.flatMap(([file, says]) => [
      ['replay', [file], { dir, watch: [fifo], says, timeoutMs: 20_000 }],
      ['hunt', ['--variant-file', file, '--out', join(dir, 'c')], { dir, watch: [fifo], says, timeoutMs: 20_000 }],
    ] as const));
  });

  it('a byte order mark is read past; a "__proto__" key is refused, naming where it is', async () => {
    const dir = scratch('bom');
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, `\uFEFF${readFileSync(CASE, 'utf8')}`);
    expect(run('replay', [bom]).code).toBe(0);
    const proto = join(dir, 'proto.json');
    writeFileSync(proto, '{"name": "mine", "extends": "ext4-5.15", "locks": {"write": [], "__proto__": ["i_rwsem:exclusive"]}}');
    await refused('hunt', ['--variant-file', proto, '--out', join(dir, 'c')], { dir, says: 'proto.json: locks.__proto__: a "__proto__" key is not allowed' });
  });
});
