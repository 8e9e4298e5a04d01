import { describe, expect, it } from 'vitest';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { HUNT_MIX, type MixResult } from '../../src/search/hunt/hunt-mix';
import { huntInPasses } from '../../src/search/hunt/hunt-passes';
import { type PlannedCell, planHunt } from '../../src/search/hunt/hunt-plan';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { run, scratch } from './hostile-world';

/**
 * Shards add up (issue 16): machines running --shard 1/n .. n/n find, cell
 * by cell, exactly what one machine finds, for n = 2 and 3. The hunt below
 * finds ext4-3.11's overwrite of bar (data=writeback, one block a page) only
 * through a lead: a scenario the no-lost-write cell's exhaustive runs saw
 * break it. The control shows
 * why shards are whole rows: split cell by cell, as shards once were, the
 * lead stays on the other machine and the race is lost.
 */
/** A budget of runs, not of time (the time budget is out of reach), so that a loaded machine finds what an idle one does. */
const BOUNDS = ['--variant', 'ext4-3.11,patlasov-v1,ext4-5.15', '--blocks-per-page', '1', '--claim', 'bar-never-overwritten-by-foo,no-lost-write', '--pages', '1', '--threads', '3',
  '--mount', 'data=writeback', '--runs', '10', '--budget-ms', '600000', '--jobs', '1', '--json'];

interface JsonCell { variant: string; claim: string; blocksPerPage: number; verdict: string; runs: number; shortestSteps: number | null; seed: number; case: string | null }

function hunt(extra: readonly string[]): JsonCell[] {
  const r = run('hunt', [...BOUNDS, ...extra, '--out', scratch('shard')], 120_000);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out).cells as JsonCell[];
}

/** What a cell found, without where it was saved: verdict, case (by its id), runs, length, seed. */
const found = (c: JsonCell) => `${c.variant}/${c.claim}/B=${c.blocksPerPage}: ${c.verdict} ${c.case?.slice(-17) ?? '-'} ${c.runs} runs, ${c.shortestSteps} steps, seed ${c.seed}`;

describe('shards add up', () => {
  const whole = hunt([]);

  it('one machine finds ext4-3.11\'s overwrite of bar through a lead (the race this test is about)', () => {
    expect(whole.find((c) => c.variant === 'ext4-3.11' && c.claim === 'bar-never-overwritten-by-foo' && c.blocksPerPage === 1)).toMatchObject({ verdict: 'violated' });
  });

  it.each([2, 3])('shards 1/%i .. n/n together find exactly what one machine finds, cell by cell', (n) => {
    const parts = Array.from({ length: n }, (_, i) => hunt(['--shard', `${i + 1}/${n}`])).flat();
    expect(parts.map(found).sort()).toEqual(whole.map(found).sort());
  });

  it('control: split cell by cell instead of by row, the lead is lost and the race with it', async () => {
    const plan = planHunt({
      variants: [builtinVariant('ext4-3.11')], claims: ['bar-never-overwritten-by-foo', 'no-lost-write'], geometries: [1],
      mounts: ['data=writeback'], ops: CONCURRENT_OPS, pages: 1, maxThreads: 3, seed: 1,
    });
    const alone = async (cells: PlannedCell[]): Promise<MixResult[]> => huntInPasses(cells, 1, { strategies: HUNT_MIX, runs: 10 }, () => {}, () => {});
    const [bar] = await alone([plan[0]]);
    const [together] = await alone(plan);
    expect(together.found).toBe(true);
    expect(bar.found).toBe(false);
  });
});
