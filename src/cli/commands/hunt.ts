import { availableParallelism } from 'node:os';
import pc from 'picocolors';
import { CLAIM_NAMES, type ClaimName } from '../../claims/claim';
import { casePath } from '../../cases/case-store';
import { prepareOutputDir } from '../../files/output-dir';
import { MOUNTS } from '../../model/mount';
import { MAX_PAGES, MAX_THREADS } from '../../model/geometry';
import { CONCURRENT_OPS } from '../../model/ops';
import { explorerLengths } from '../../reports/explorer-lengths';
import { huntTable, type HuntRow } from '../../reports/hunt-table';
import { HUNT_STRATEGIES, type HuntStrategy } from '../../schedulers/scheduler';
import { HUNT_MIX, type MixResult } from '../../search/hunt/hunt-mix';
import { huntInPasses } from '../../search/hunt/hunt-passes';
import { planHunt, type PlannedCell, shardOf } from '../../search/hunt/hunt-plan';
import type { Command } from '../command';
import { CELL_HELP, CELL_OPTIONS, chooseVariants, geometries, integer, list, parseOptions, searchableClaims, shard } from '../options';
import { progress } from '../progress';
import { saveQuietly } from '../save-quietly';
import { printable } from '../../files/user-error';

export interface HuntPlan {
  /** This shard's cells, each with why it is not searched when its claim cannot fail with the operations chosen. */
  readonly cells: ReadonlyArray<{ cell: PlannedCell; notSearched: string | null }>;
  readonly strategies: readonly HuntStrategy[];
  readonly budgetMs: number;
  readonly runs: number | undefined;
  readonly jobs: number;
  readonly out: string;
  readonly json: boolean;
}

/**
 * `npm run hunt`: hunt every variant x claim x geometry (or the ones chosen)
 * with the strategy mix, on every core, within a budget per cell, in passes
 * (src/search/hunt-passes.ts: leads from a row's exhaustive runs reach its
 * other cells); print the matrix in colour (or JSON), and save each
 * counterexample found, shrunk and made shortest for its scenario, under
 * --out. Every case found is replayed twice first; if the replays part,
 * that is a harness bug, printed with the step where they part, exit 3.
 */
export const huntCommand: Command<HuntPlan> = {
  name: 'hunt',
  help: {
    summary: 'hunt every chosen variant x mount x claim x geometry for counterexamples, shrink each, save it',
    usage: 'npx punch-hunt hunt [options]   (alias: npm run hunt -- [options])',
    options: {
      ...CELL_HELP,
      mount: 'data=ordered or data=writeback (default: both, a table each)',
      strategy: 'random, preemption, pct, exhaustive, or all (the mix)',
      seed: 'the seed of the whole hunt',
      'budget-ms': 'time a cell',
      runs: 'a budget of runs a cell instead of time',
      shard: 'i/n: this machine\'s share of the cells',
      jobs: 'workers at once (processes of the pool, src/pool)',
      pages: 'foo has 1 to this many pages',
      threads: 'up to this many threads beside the punch',
      'user-buffers': 'writes and reads with their buffer in a mapping of foo too: write(2) faults it in with i_rwsem held (fstests generic/248), read(2)\'s copy faults it',
    },
    example: 'npx punch-hunt hunt --variant ext4-3.11 --blocks-per-page 2 --mount data=writeback',
  },
  parse(argv) {
    const { values } = parseOptions(argv, {
      ...CELL_OPTIONS,
      strategy: { type: 'string', default: 'all' },
      seed: { type: 'string', default: '1' },
      'budget-ms': { type: 'string', default: '2000' },
      runs: { type: 'string' },
      shard: { type: 'string' },
      jobs: { type: 'string', default: String(availableParallelism()) },
      pages: { type: 'string', default: '2' },
      threads: { type: 'string', default: String(MAX_THREADS - 1) },
      'user-buffers': { type: 'boolean', default: false },
    });
    const strategy = list(values.strategy, [...HUNT_STRATEGIES, 'all'], '--strategy');
    const ops = list(values.ops, CONCURRENT_OPS, '--ops');
    // At least two threads: no-foreign-data-exposed needs bar's write and a read (its claim record's needs).
    const maxThreads = integer(values.threads, '--threads', 2, MAX_THREADS - 1);
    const chosen = searchableClaims(list(values.claim, CLAIM_NAMES, '--claim'), values.claim !== undefined, ops, maxThreads);
    const plan = planHunt({
      variants: chooseVariants(values.variant, values['variant-file']),
      claims: values.claim === undefined ? CLAIM_NAMES : chosen.searchable,
      geometries: geometries(values['blocks-per-page']),
      mounts: list(values.mount, MOUNTS, '--mount'),
      ops,
      // The explorer's bounds (`--pages 1 --threads 3`) make every length comparable with results/MATRIX.md's shortest.
      pages: integer(values.pages, '--pages', 1, MAX_PAGES),
      maxThreads,
      userBuffers: values['user-buffers'],
      seed: integer(values.seed, '--seed', 0, 2 ** 31 - 1),
    });
    const why = (claim: ClaimName) => chosen.unsearchable.find((u) => u.claim === claim)?.why ?? null;
    const cells = shardOf(plan, shard(values.shard)).map((cell) => ({ cell, notSearched: why(cell.claim) }));
    const budgetMs = integer(values['budget-ms'], '--budget-ms', 1, 24 * 3600 * 1000);
    const runs = values.runs === undefined ? undefined : integer(values.runs, '--runs', 1, 1_000_000_000);
    const jobs = integer(values.jobs, '--jobs', 1, 64);
    const strategies = strategy.includes('all') ? HUNT_MIX : (strategy as HuntStrategy[]);
    return { cells, strategies, budgetMs, runs, jobs, json: values.json, out: prepareOutputDir(values.out, '--out') };
  },
  async run(p) {
    const start = performance.now();
    const searched = p.cells.filter((c) => c.notSearched === null).map((c) => c.cell);
    const jobs = Math.min(p.jobs, Math.max(searched.length, 1));
    const bar = progress('hunt', searched.length);
    let found = 0;
    let done = 0;
    let pass = 1;
    const words = () => `cells, pass ${pass}, ${found} races found, ${((performance.now() - start) / 1000).toFixed(1)} s`;
    const tick = setInterval(() => bar.update(done, words()), 1000);
    tick.unref();
    const results = await huntInPasses(searched, jobs, { strategies: p.strategies, budgetMs: p.budgetMs, runs: p.runs }, (n, cellsInPass) => {
      pass = n;
      done = 0;
      bar.setTotal(cellsInPass);
    }, (r) => {
      if (r.found) found++;
      bar.update(++done, words());
    });
    clearInterval(tick);
    bar.stop();
    report(p, searched, results, jobs, (performance.now() - start) / 1000);
  },
};

type Row = HuntRow & { path: string | null; saved: { outcome: string; words: string } | null; cell: PlannedCell };

function report(p: HuntPlan, searched: readonly PlannedCell[], results: readonly MixResult[], jobs: number, secs: number): void {
  const explorerSteps = explorerLengths();
  const rows: Row[] = p.cells.map(({ cell, notSearched }) => {
    const base = {
      variant: cell.variant.name, mount: cell.mount[0], claim: cell.claim, blocksPerPage: cell.blocksPerPage, cell,
      explorerSteps: explorerSteps(cell.variant, cell.mount[0], cell.claim, cell.blocksPerPage),
    };
    if (notSearched !== null) return { ...base, result: null, notSearched, path: null, saved: null };
    const result = results[searched.indexOf(cell)];
    // A case whose replays disagree is a harness bug, not a race: reported, never saved.
    if (result.case === null || result.nondeterminism !== null) return { ...base, result, path: null, saved: null };
    const saved = saveQuietly(p.out, result.case);
    const there = saved.outcome === 'written' || saved.outcome === 'exists';
    return { ...base, result, path: there ? casePath(p.out, result.case) : null, saved };
  });
  const bugs = rows.filter((r) => r.result !== null && r.result.nondeterminism !== null);
  for (const r of bugs) process.stderr.write(pc.red(`hunt: ${r.variant} ${r.mount} B=${r.blocksPerPage} ${r.claim}: ${r.result!.nondeterminism!.message}\n`));
  if (bugs.length > 0) process.exitCode = 3;
  if (p.json) {
    process.stdout.write(`${JSON.stringify({ cells: rows.map(jsonOf) })}\n`);
    return;
  }
  process.stdout.write(huntTable(rows, pc.isColorSupported));
  for (const r of rows) {
    if (r.saved === null || r.result === null) continue;
    const res = r.result;
    const head = r.path ?? '(no file)';
    process.stdout.write(`${head}  ${r.variant} ${r.mount} B=${r.blocksPerPage} ${r.claim}: ${res.shortestSteps} steps, ${res.strategy}, ${res.runs} runs, ${res.msToFirstFailure} ms (${r.path === null ? pc.yellow(printable(r.saved.words)) : r.saved.words})\n`);
  }
  const violated = rows.filter((r) => r.result?.found).length;
  process.stdout.write(`${rows.length} cells, ${violated} violated, in ${secs.toFixed(1)} s on ${jobs} workers; inspect a case with: npx punch-hunt inspect FILE\n`);
  process.stdout.write(`${explorerCoverage(rows)}\n`);
}

/** How many of the cells the explorer broke (results/MATRIX.md) this hunt broke too, and which it missed. */
function explorerCoverage(rows: readonly Row[]): string {
  const broken = rows.filter((r) => r.explorerSteps != null);
  const missed = broken.filter((r) => !r.result?.found).map((r) => `${r.variant} ${r.mount} B=${r.blocksPerPage} ${r.claim}`);
  const found = broken.length - missed.length;
  if (broken.length === 0) return 'results/MATRIX.md shows none of these cells broken.';
  return `found ${found} of the ${broken.length} cells results/MATRIX.md shows broken${missed.length > 0 ? `; missed: ${missed.join(', ')}` : ''}`;
}

function jsonOf(r: Row) {
  const res = r.result;
  return {
    variant: r.variant, mount: r.mount, claim: r.claim, blocksPerPage: r.blocksPerPage, ops: r.cell.ops,
    verdict: res === null ? 'not-searched' : res.found ? 'violated' : 'not-found', why: r.notSearched ?? null,
    runs: res?.runs ?? 0, msToFirstFailure: res?.msToFirstFailure ?? null, shrunkSteps: res?.shrunkSteps ?? null,
    shortestSteps: res?.shortestSteps ?? null, case: r.path, saved: r.saved?.outcome ?? null,
    strategy: res?.strategy ?? null, seed: r.cell.seed, nondeterminism: res?.nondeterminism ?? null,
  };
}
