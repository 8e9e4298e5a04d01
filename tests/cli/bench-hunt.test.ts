import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** `npm run bench:hunt` as a user runs it. */
function benchHunt(args: readonly string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/hunt-speed.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const written = () => (existsSync('results/BENCHMARKS-HUNT.md') ? readFileSync('results/BENCHMARKS-HUNT.md', 'utf8') : null);

describe('bench:hunt', () => {
  it('answers bad options with one line naming the flag, exit 2, and writes nothing', () => {
    const before = written();
    for (const [args, flag] of [
      [['--only', 'no such cell'], '--only'],
      [['--seeds', '0'], '--seeds'],
      [['--budget-ms', 'soon'], '--budget-ms'],
      [['--frobnicate'], '(arguments)'],
    ] as const) {
      const r = benchHunt(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.err).toContain(flag);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(written()).toBe(before);
  });

  it('times every strategy on one cell and names the seeds that found it', () => {
    const before = written();
    const r = benchHunt(['--only', 'ext4-3.11 data=writeback no-foreign-data-exposed B=1', '--seeds', '2', '--budget-ms', '300', '--jobs', '1', '--json']);
    expect(r.code, r.err).toBe(0);
    const rows = (JSON.parse(r.out) as { cells: Array<{ cell: string; strategy: string; found: number; medianMs: number | null; atExplorerShortest: number }> }).cells;
    expect(rows.map((f) => f.strategy)).toEqual(['random', 'preemption', 'pct', 'exhaustive']);
    expect(new Set(rows.map((f) => f.cell))).toEqual(new Set(['ext4-3.11 data=writeback no-foreign-data-exposed B=1']));
    // The exhaustive strategy finds this cell in a few runs (BENCHMARKS-HUNT.md), at the explorer's shortest.
    const exhaustive = rows.find((f) => f.strategy === 'exhaustive')!;
    expect(exhaustive.found).toBe(2);
    expect(exhaustive.atExplorerShortest).toBe(2);
    expect(exhaustive.medianMs).toBeGreaterThan(0);
    // With --only the table is printed, not written over the full one.
    expect(written()).toBe(before);
  });
});
