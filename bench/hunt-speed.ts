/**
 * Time to first failure, per broken cell of the explored matrix
 * (properties/explored-matrix.json) and per strategy alone, over N seeds:
 * found, median runs, median and 90th percentile milliseconds to the first
 * failure, and the lengths: fast-check's shrunk length against the shortest
 * for its shrunk scenario, and the saved case's length against the
 * explorer's shortest. Writes results/BENCHMARKS-HUNT.md (not with --only or --json).
 *
 * Each strategy draws its scenarios within the explorer's bounds (the matrix
 * file's pages, threads and mount), as `npm run bench` does, and the
 * exhaustive strategy exactly as many threads as the bound, as the mix
 * does (src/search/hunt-mix.ts). A seed that does not find the cell within
 * the budget counts as infinitely slow in the medians.
 * Target (issue 3): every broken cell found in a median under 100 ms by its
 * best strategy; shrunk length equal to the shortest in 20 of 20 seeds.
 *
 * Cells run one at a time (--jobs 1), each in its own process, so that a
 * cell's time is its own and not shared with another's.
 *
 * Usage: npm run bench:hunt [-- --seeds 20 --budget-ms 1000 --jobs 1 --only TEXT --json]
 */
import { RESULT_FILES } from '../src/results/result-files';
import { checkOutputFile, writeOutputFile } from '../src/files/output-file';
import { cpus } from 'node:os';
import _ from 'lodash';
import { CONCURRENT_OPS } from '../src/model/ops';
import { HUNT_STRATEGIES, type HuntStrategy } from '../src/schedulers/scheduler';
import { isPoolWorker, onWorkers, serveTasks } from '../src/pool/worker-pool';
import { huntCell } from '../src/search/hunt/hunt-cell';
import { builtinVariant } from '../src/variants/resolve-variant';
import { integer, parseOptions } from '../src/cli/options';
import { runCli } from '../src/cli/run-cli';
import { UserError } from '../src/files/user-error';
import { type BrokenCell, type Bounds, exploredBrokenCells } from './explored-cells';
import { median } from './median';

const OPTIONS = {
  seeds: { type: 'string', default: '20' },
  'budget-ms': { type: 'string', default: '1000' },
  // One cell at a time by default: two at once on a two-core machine slowed each by about a quarter.
  jobs: { type: 'string', default: '1' },
  only: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;
let seeds = 20;
let budgetMs = 1000;

interface Cell extends BrokenCell, Bounds {}

interface Figures {
  readonly cell: string;
  readonly strategy: HuntStrategy;
  readonly found: number;
  /** null when fewer than half the seeds (or 90%, for p90) found the cell. */
  readonly medianRuns: number | null;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  /** Seeds whose fast-check shrunk length is already the saved case's (the polish found nothing shorter). */
  readonly shrunkAtShortest: number;
  /** Seeds whose saved case is as long as the explorer's shortest. */
  readonly atExplorerShortest: number;
}

function label(c: Cell): string {
  return `${c.variant} ${c.mount} ${c.claim} B=${c.blocksPerPage}`;
}

function measureCell(c: Cell): Figures[] {
  const variant = builtinVariant(c.variant);
  return HUNT_STRATEGIES.map((strategy) => {
    const runs: number[] = [];
    const ms: number[] = [];
    let shrunkAtShortest = 0;
    let atExplorerShortest = 0;
    const threads = strategy === 'exhaustive' ? { minThreads: c.threads, maxThreads: c.threads } : { maxThreads: c.threads };
    for (let seed = 1; seed <= seeds; seed++) {
      const r = huntCell(
        { variant, claim: c.claim, blocksPerPage: c.blocksPerPage, pages: c.pages, mount: [c.mount], ops: CONCURRENT_OPS, ...threads },
        { strategy, seed: seed * 7919, runs: 10_000_000, budgetMs, searched: new Set() },
      );
      if (!r.found || r.case === null) continue;
      runs.push(r.runs);
      ms.push(r.msToFirstFailure ?? 0);
      if (r.case.origin.stepsAfterShrinking === r.case.origin.shortestSteps) shrunkAtShortest++;
      if (r.case.schedule.length === c.shortestSteps) atExplorerShortest++;
    }
    const unfound = Array<number>(seeds - runs.length).fill(Number.POSITIVE_INFINITY);
    const sorted = _.sortBy([...ms, ...unfound]);
    return {
      cell: label(c), strategy, found: runs.length,
      medianRuns: finite(median([...runs, ...unfound])), medianMs: finite(median(sorted)), p90Ms: finite(sorted[Math.ceil(0.9 * seeds) - 1]),
      shrunkAtShortest, atExplorerShortest,
    };
  });
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}


function fmt(x: number | null): string {
  if (x === null) return 'not found';
  return x.toFixed(x < 10 ? 1 : 0);
}

function render(figures: Figures[], seconds: number, c: Cell, jobs: number): string {
  const lines = [
    '# Benchmarks: time to first failure per strategy',
    '',
    `Written by \`npm run bench:hunt\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, ${jobs} cell(s) at a time, in ${seconds} s.`,
    `${seeds} seeds a strategy and cell; a seed stops at its first failure or after ${budgetMs} ms, and an unfound seed counts as`,
    `infinitely slow. Every strategy draws within the explorer's bounds (${c.pages} page(s), up to ${c.threads} threads beside the punch,`,
    `the cell's mount); the exhaustive strategy draws exactly ${c.threads} threads, as the mix does. \`shrunk = shortest\` counts seeds whose`,
    'fast-check shrunk length (before the breadth-first polish) is already the case\'s; `case = explorer` seeds whose saved case',
    'is as long as the explorer\'s shortest (results/MATRIX.md). The best strategy of a cell is in bold.',
    '',
    '| cell | strategy | found | median runs | median ms | p90 ms | shrunk = shortest | case = explorer |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const byCell = _.groupBy(figures, (f) => f.cell);
  let under = 0;
  let casesAtShortest = 0;
  let cases = 0;
  for (const [cell, rows] of Object.entries(byCell)) {
    const best = _.minBy(rows, (f) => f.medianMs ?? Number.POSITIVE_INFINITY)!;
    if (best.medianMs !== null && best.medianMs < 100) under++;
    for (const f of rows) {
      const b = f === best ? '**' : '';
      lines.push(`| ${cell} | ${b}${f.strategy}${b} | ${f.found}/${seeds} | ${fmt(f.medianRuns)} | ${b}${fmt(f.medianMs)}${b} | ${fmt(f.p90Ms)} | ${f.shrunkAtShortest}/${f.found} | ${f.atExplorerShortest}/${f.found} |`);
      casesAtShortest += f.atExplorerShortest;
      cases += f.found;
    }
  }
  const cellCount = Object.keys(byCell).length;
  lines.push(
    '',
    `Cells found in a median under 100 ms by their best strategy: ${under} of ${cellCount} (target: all).`,
    `Saved cases as long as the explorer's shortest: ${casesAtShortest} of ${cases} seeds that found their cell, over every strategy.`,
  );
  return `${lines.join('\n')}\n`;
}

const OUT = RESULT_FILES.benchmarksHunt;
const OUT_RULES = { flag: '(output)', force: false, mayReplace: (t: string) => t.includes('Written by `npm run bench:hunt`') };

/** The options, with the seeds and budget every cell is measured with (a worker of the pool reads them too). */
function readOptions() {
  const { values } = parseOptions(process.argv.slice(2), OPTIONS);
  seeds = integer(values.seeds, '--seeds', 1, 1000);
  budgetMs = integer(values['budget-ms'], '--budget-ms', 1, 3_600_000);
  return values;
}

async function main(): Promise<void> {
  const values = readOptions();
  if (values.only === undefined) checkOutputFile(OUT, OUT_RULES);
  const jobs = integer(values.jobs, '--jobs', 1, 64);
  const { bounds, cells: broken } = exploredBrokenCells();
  const cells = broken
    .map((c): Cell => ({ ...c, ...bounds }))
    .filter((c) => values.only === undefined || label(c).includes(values.only));
  if (cells.length === 0) throw new UserError('(arguments)', '--only', `"${values.only}" matches no broken cell`);
  const start = performance.now();
  // Each cell on a worker of the pool: this script again, with the same seeds and budget, serving measureCell.
  const figures = (await onWorkers<Cell, Figures[]>(new URL(import.meta.url), cells, {
    jobs, args: ['--seeds', String(seeds), '--budget-ms', String(budgetMs)],
    onResult: (done) => (values.json ? undefined : process.stderr.write(`\r${done}/${cells.length} cells`)),
  })).flat();
  if (!values.json) process.stderr.write('\n');
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ cells: figures })}\n`);
    return;
  }
  const text = render(figures, Math.round((performance.now() - start) / 1000), cells[0], jobs);
  process.stdout.write(text);
  if (values.only === undefined) writeOutputFile(OUT, text, OUT_RULES);
}

if (isPoolWorker()) {
  readOptions();
  serveTasks(measureCell);
} else void runCli('bench hunt', main, {
  summary: 'each hunt strategy on every broken cell: runs and time to the first failure; writes results/BENCHMARKS-HUNT.md',
  usage: 'npx punch-hunt bench hunt [options]   (alias: npm run bench:hunt -- [options])',
  options: {
    seeds: 'seeds a strategy and cell', 'budget-ms': 'time a seed may take', jobs: 'cells measured at once',
    only: 'only the cells whose label contains this (writes no file)', json: 'one JSON object on stdout, no file written',
  },
  example: 'npx punch-hunt bench hunt --only ext4-3.11 --seeds 5',
});
