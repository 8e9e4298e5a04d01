import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { CLAIM_NAMES } from '../claims/claim';
import { casePath, saveCase } from '../cases/case-store';
import { REUSE_POLICIES } from '../model/allocator';
import { MAX_PAGES, MAX_THREADS } from '../model/geometry';
import { CONCURRENT_OPS } from '../model/ops';
import { explorerLengths } from '../reports/explorer-lengths';
import { huntTable, type HuntRow } from '../reports/hunt-table';
import { HUNT_STRATEGIES, type HuntStrategy } from '../schedulers/scheduler';
import { planHunt, type PlannedCell, shardOf } from '../search/hunt-plan';
import { HUNT_MIX } from '../search/hunt-mix';
import { huntInPasses } from '../search/hunt-passes';
import { CELL_OPTIONS, chooseVariants, geometries, integer, list, shard } from './options';
import { runCli } from './user-error';


/**
 * `npm run hunt`: hunt every variant x claim x geometry (or the ones chosen)
 * with the strategy mix, on every core, within a budget per cell, in two
 * passes (src/search/hunt-passes.ts: leads from a row's exhaustive runs
 * reach its other cells); print the
 * matrix in colour (or JSON), and save each counterexample found, shrunk and
 * made shortest for its scenario, in shrunk-cases/. Blocks are reused at
 * once unless --reuse says otherwise, as in the explorer and MATRIX.md:
 * the pessimistic allocator, under which the overwrite races exist. Every case found is
 * replayed twice first; if the replays part, that is a harness bug, printed
 * with the step where they part, and the exit code is 3.
 */
void runCli('hunt', async () => {
  const { values } = parseArgs({
    options: {
      ...CELL_OPTIONS,
      strategy: { type: 'string', default: 'all' },
      seed: { type: 'string', default: '1' },
      'budget-ms': { type: 'string', default: '2000' },
      runs: { type: 'string' },
      shard: { type: 'string' },
      jobs: { type: 'string', default: String(availableParallelism()) },
      pages: { type: 'string', default: '2' },
      threads: { type: 'string', default: String(MAX_THREADS - 1) },
    },
  });
  const strategy = list(values.strategy, [...HUNT_STRATEGIES, 'all'], '--strategy');
  const strategies = strategy.includes('all') ? HUNT_MIX : (strategy as HuntStrategy[]);
  const plan = planHunt({
    variants: chooseVariants(values.variant, values['variant-file']),
    claims: list(values.claim, CLAIM_NAMES, '--claim'),
    geometries: geometries(values['blocks-per-page']),
    reuse: list(values.reuse, REUSE_POLICIES, '--reuse'),
    ops: list(values.ops, CONCURRENT_OPS, '--ops'),
    // The explorer's bounds (`--pages 1 --threads 3`) make every length comparable with MATRIX.md's shortest.
    pages: integer(values.pages, '--pages', 1, MAX_PAGES),
    // Two: no-foreign-data-exposed needs bar's write and a read (NECESSARY_OPS).
    maxThreads: integer(values.threads, '--threads', 2, MAX_THREADS - 1),
    seed: integer(values.seed, '--seed', 0, 2 ** 31 - 1),
  });
  const cells = shardOf(plan, shard(values.shard));
  const budgetMs = integer(values['budget-ms'], '--budget-ms', 1, 24 * 3600 * 1000);
  const runs = values.runs === undefined ? undefined : integer(values.runs, '--runs', 1, 1_000_000_000);
  const jobs = Math.min(integer(values.jobs, '--jobs', 1, 64), Math.max(cells.length, 1));

  const start = performance.now();
  const bar = values.json || !process.stderr.isTTY ? null : new SingleBar({ format: 'hunt, pass {pass} [{bar}] {value}/{total} cells, {found} races found, {secs} s', hideCursor: true });
  let found = 0;
  let done = 0;
  const results = await huntInPasses(cells, jobs, { strategies, budgetMs, runs }, (pass, n) => {
    done = 0;
    if (pass === 1) bar?.start(n, 0, { pass, found, secs: 0 });
    else {
      bar?.setTotal(n);
      bar?.update(0, { pass });
    }
  }, (r) => {
    if (r.found) found++;
    bar?.update(++done, { found, secs: ((performance.now() - start) / 1000).toFixed(1) });
  });
  bar?.stop();

  const explorerSteps = explorerLengths();
  const rows: Array<HuntRow & { path: string | null; outcome: string | null; cell: PlannedCell }> = cells.map((cell, k) => {
    const result = results[k];
    // A case whose replays disagree is a harness bug, not a race: reported, never saved.
    const keep = result.case !== null && result.nondeterminism === null;
    const path = keep ? casePath(values.out, result.case!) : null;
    const outcome = keep ? saveCase(values.out, result.case!) : null;
    return {
      variant: cell.variant.name, claim: cell.claim, blocksPerPage: cell.blocksPerPage, result, path, outcome, cell,
      explorerSteps: explorerSteps(cell.variant, cell.claim, cell.blocksPerPage),
    };
  });
  const bugs = rows.filter((r) => r.result.nondeterminism !== null);
  for (const r of bugs) process.stderr.write(pc.red(`hunt: ${r.variant} B=${r.blocksPerPage} ${r.claim}: ${r.result.nondeterminism!.message}\n`));
  if (bugs.length > 0) process.exitCode = 3;
  if (values.json) {
    const out = rows.map((r) => ({
      variant: r.variant, claim: r.claim, blocksPerPage: r.blocksPerPage, reuse: r.cell.reuse, ops: r.cell.ops,
      verdict: r.result.found ? 'violated' : 'not-found', runs: r.result.runs, msToFirstFailure: r.result.msToFirstFailure,
      shrunkSteps: r.result.shrunkSteps, shortestSteps: r.result.shortestSteps, case: r.path,
      strategy: r.result.strategy, seed: r.cell.seed, nondeterminism: r.result.nondeterminism,
    }));
    process.stdout.write(`${JSON.stringify({ cells: out })}\n`);
    return;
  }
  const colour = pc.isColorSupported;
  process.stdout.write(huntTable(rows, colour));
  for (const r of rows) {
    if (r.path === null) continue;
    const note = r.outcome === 'written' ? 'new' : r.outcome === 'exists' ? 'already saved' : pc.yellow('NOT saved: a different case has this id');
    process.stdout.write(`${r.path}  ${r.variant} B=${r.blocksPerPage} ${r.claim}: ${r.result.shortestSteps} steps, ${r.result.strategy}, ${r.result.runs} runs, ${r.result.msToFirstFailure} ms (${note})\n`);
  }
  const secs = ((performance.now() - start) / 1000).toFixed(1);
  process.stdout.write(`${rows.length} cells, ${found} violated, in ${secs} s on ${jobs} workers; inspect a case with: npm run inspect -- FILE\n`);
});
