import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_NAMES } from '../../src/claims/claim';
import { planHunt, rowOf, shardOf } from '../../src/search/hunt/hunt-plan';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { huntCommand } from '../../src/cli/commands/hunt';
import { cli, refusalLine } from './run-cli';

const fresh = () => mkdtempSync(join(tmpdir(), 'hunt-'));

interface JsonCell {
  variant: string; claim: string; blocksPerPage: number; verdict: string; runs: number; case: string | null; seed: number; shortestSteps: number | null;
}

describe('npm run hunt', () => {
  it('breaks bar-never-overwritten-by-foo through direct I/O on a user variant that drops inode_dio_wait, and not on ext4-5.15', () => {
    const out = fresh();
    const r = cli('hunt', ['--variant-file', 'examples/no-dio-wait.json', '--variant', 'ext4-5.15', '--claim', 'bar-never-overwritten-by-foo',
      '--mount', 'data=writeback', '--blocks-per-page', '1', '--runs', '3000', '--out', out, '--json']);
    // Only progress lines (one every few seconds without a terminal) on stderr.
    expect(r.err.split('\n').filter((l) => l !== '' && !/^hunt: \d+\/\d+ cells, pass \d/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    const cells = (JSON.parse(r.out) as { cells: JsonCell[] }).cells;
    const mine = cells.find((c) => c.variant === 'no-dio-wait')!;
    expect(mine.verdict).toBe('violated');
    const saved = JSON.parse(readFileSync(mine.case!, 'utf8'));
    // The user's definition travels with the case, and the write that lands in bar's block is direct I/O.
    expect(saved.variant.name).toBe('no-dio-wait');
    expect(saved.variant.punch).not.toContain('inode_dio_wait');
    const writer = saved.scenario.threads[saved.violation.thread - 1];
    expect(writer.op).toBe('dioWrite');
    expect(saved.violation.message).toMatch(/foo dioWrite \(thread \d\) wrote block \d, which bar owns/);
    // The same hunt on the real kernel, with its inode_dio_wait, finds nothing within the same budget.
    expect(cells.find((c) => c.variant === 'ext4-5.15')!.verdict).toBe('not-found');
  });

  it('shards split the rows: disjoint, together the whole hunt, each cell with the seed it has alone, a row never split', () => {
    const plan = planHunt({
      variants: ['ext4-3.11', 'ext4-5.15'].map(builtinVariant), claims: CLAIM_NAMES, geometries: [1, 2],
      mounts: ['data=writeback'], ops: ['read'], seed: 7,
    });
    const shards = [1, 2, 3].map((index) => shardOf(plan, { index, count: 3 }));
    const key = (c: (typeof plan)[number]) => `${c.variant.name}/${c.claim}/${c.blocksPerPage}/${c.seed}`;
    expect(shards.flat().map(key).sort()).toEqual(plan.map(key).sort());
    expect(new Set(shards.flat().map(key)).size).toBe(plan.length);
    for (const part of shards) for (const c of part) expect(part.filter((x) => rowOf(x) === rowOf(c))).toHaveLength(CLAIM_NAMES.length);
    expect(shards.map((part) => part.length)).toEqual([12, 6, 6]); // four rows of six cells: rows 1 and 4, 2, 3
    const alone = planHunt({ variants: [builtinVariant('ext4-5.15')], claims: ['no-deadlock'], geometries: [2], mounts: ['data=writeback'], ops: ['read'], seed: 7 });
    expect(plan.find((c) => c.variant.name === 'ext4-5.15' && c.claim === 'no-deadlock' && c.blocksPerPage === 2)!.seed).toBe(alone[0].seed);
  });

  it('--pages 1 --threads 3 hunts within the explorer\'s bounds: the case is one page, three threads at most, and as long as results/MATRIX.md\'s shortest', () => {
    const out = fresh();
    const r = cli('hunt', ['--variant', 'ext4-3.15', '--claim', 'no-stale-data-after-fallocate', '--blocks-per-page', '1', '--mount', 'data=writeback',
      '--pages', '1', '--threads', '3', '--runs', '20000', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const [cell] = (JSON.parse(r.out) as { cells: JsonCell[] }).cells;
    expect(cell.verdict).toBe('violated');
    const saved = JSON.parse(readFileSync(cell.case!, 'utf8'));
    expect(saved.scenario.pages).toBe(1);
    expect(saved.scenario.threads.length).toBeLessThanOrEqual(3);
    expect(saved.schedule).toHaveLength(31); // results/explored-matrix.json: ext4-3.15, data=writeback, stale data, one block a page
  });

  it('answers bad options with one line naming the option, exit 2, and writes nothing', () => {
    const out = join(fresh(), 'cases');
    const badVariant = join(fresh(), 'v.json');
    writeFileSync(badVariant, JSON.stringify({ name: 'x', extends: 'ext4-5.15', punch: ['inode_lock', 'unlock_everything'] }));
    let k = 0;
    for (const [args, message] of [
      [['--variant', 'ext4-9.99'], '--variant: unknown variant "ext4-9.99"'],
      [['--claim', 'no-bugs'], '--claim: unknown value "no-bugs"'],
      [['--strategy', 'luck'], '--strategy: unknown value "luck"'],
      [['--shard', '3/2'], '--shard: must be i/n'],
      [['--budget-ms=-5'], '--budget-ms: must be a decimal integer'],
      [['--budget-ms', '-5'], "Option '--budget-ms' argument is ambiguous"],
      [['--runs', '1e99'], '--runs: must be a decimal integer'],
      [['--blocks-per-page', '4'], '--blocks-per-page: must be a decimal integer from 1 to 2'],
      [['--ops', 'read,fsync'], '--ops: unknown value "fsync"'],
      [['--pages', '5'], '--pages: must be a decimal integer from 1 to 4'],
      [['--threads', '1'], '--threads: must be a decimal integer from 2 to 4'],
      [['--variant-file', join(fresh(), 'missing.json')], 'missing.json: (file): no such file'],
      [['--variant-file', badVariant], 'v.json: punch.1:'],
      [['--frobnicate'], "Unknown option '--frobnicate'"],
    ] as const) {
      // Each in process (the command's own parse), and one in four through the real command as well.
      expect(refusalLine(huntCommand, [...args, '--out', out]), args.join(' ')).toContain(message);
      if (k++ % 4 !== 0) continue;
      const r = cli('hunt', [...args, '--out', out]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('prints the matrix and where each case was saved', () => {
    const out = fresh();
    const r = cli('hunt', ['--variant', 'patlasov-v1', '--claim', 'no-page-maps-freed-block', '--blocks-per-page', '2', '--out', out]);
    expect(r.code).toBe(0);
    // A table per mount: data=ordered first, then data=writeback.
    expect(r.out.indexOf('data=ordered, two blocks a page')).toBeLessThan(r.out.indexOf('data=writeback, two blocks a page'));
    expect(r.out).toMatch(/patlasov-v1 +\d+ steps/);
    expect(r.out).toMatch(/patlasov-v1 data=ordered B=2 no-page-maps-freed-block: \d+ steps, \w+, \d+ runs, [\d.]+ ms \(new\)/);
    expect(r.out).toMatch(/patlasov-v1 data=writeback B=2 no-page-maps-freed-block: \d+ steps, \w+, \d+ runs, [\d.]+ ms \((new|already saved)\)/);
    expect(readdirSync(join(out, 'patlasov-v1', 'no-page-maps-freed-block')).length).toBeGreaterThanOrEqual(1);
    expect(r.out).toContain('found 2 of the 2 cells results/MATRIX.md shows broken');
  });
});
