/**
 * This harness against fast-check's own scheduler, side by side, per broken
 * cell of the explored matrix (properties/explored-matrix.json, the cells
 * results/MATRIX.md shows as violated): N seeds of each contender, median and 90th
 * percentile runs and milliseconds to the first failure, the median length
 * reported against the explorer's shortest, and the ratios baseline / this
 * harness. Also the raw speeds. Writes results/BENCHMARKS.md (not with --quick).
 *
 * Both contenders draw scenarios within the explorer's bounds (the matrix
 * file's `bounds`: pages, threads, mount), so that a length compares with
 * the explorer's shortest: with two pages the hunt also finds races the
 * one-page explorer cannot see, shorter than its shortest.
 *
 * Contenders: `harness`, the hunt as `npm run hunt -- --pages 1 --threads 3`
 * runs it (the strategy mix, shrinking and the breadth-first polish);
 * `fc.scheduler`, the baseline in bench/baselines/. A seed that does not find the cell within
 * the budget counts as the budget in the medians and ratios, so a ratio
 * with unfound seeds of the baseline is a lower bound.
 *
 * Usage: npm run bench [-- --seeds 20 --budget-ms 10000 --jobs 2 --json --quick]
 * (--quick: 5 seeds of 100 ms, one broken cell a mount and geometry, nothing written: the gate's smoke test)
 */
import { RESULT_FILES } from '../src/results/result-files';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import _ from 'lodash';
import { integer, parseOptions } from '../src/cli/options';
import { orExit, runCli } from '../src/cli/run-cli';
import { readInputText } from '../src/files/input-file';
import { checkOutputFile, writeOutputFile } from '../src/files/output-file';
import { CONCURRENT_OPS } from '../src/model/ops';
import { HUNT_MIX, huntMix } from '../src/search/hunt/hunt-mix';
import { isPoolWorker, onWorkers, serveTasks } from '../src/pool/worker-pool';
import { builtinVariant } from '../src/variants/resolve-variant';
import { baselineHunt } from './baselines/fc-scheduler-hunt';
import { median } from './median';
import { measureSpeeds, type Speeds } from './speeds';
import { type BrokenCell, type Bounds, exploredBrokenCells } from './explored-cells';

const { values, seeds, budgetMs, jobs } = orExit('bench compare', {
  summary: 'the hunt against fast-check\'s scheduler on every broken cell of results/explored-matrix.json; writes results/BENCHMARKS.md',
  usage: 'npx punch-hunt bench compare [options]   (alias: npm run bench -- [options])',
  options: {
    seeds: 'seeds a contender and cell (default 20, 5 with --quick)', 'budget-ms': 'time a seed may take (default 10000, 100 with --quick)',
    jobs: 'cells measured at once', json: 'one JSON object on stdout, no file written', quick: 'a short run that writes nothing',
  },
  example: 'npx punch-hunt bench compare --quick',
}, () => {
  const { values } = parseOptions(process.argv.slice(2), {
    seeds: { type: 'string' },
    'budget-ms': { type: 'string' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  });
  const seeds = integer(values.seeds ?? (values.quick ? '5' : '20'), '--seeds', 1, 1000);
  const budgetMs = integer(values['budget-ms'] ?? (values.quick ? '100' : '10000'), '--budget-ms', 1, 3_600_000);
  const jobs = integer(values.jobs, '--jobs', 1, 64);
  return { values, seeds, budgetMs, jobs };
});

interface Cell extends BrokenCell {
  readonly bounds: Bounds;
}
interface Figures {
  readonly variant: string;
  readonly mount: string;
  readonly claim: string;
  readonly blocksPerPage: number;
  readonly contender: 'harness' | 'fc.scheduler';
  readonly found: number;
  readonly seeds: number;
  readonly medianRuns: number | null;
  /** 90th percentile of runs, over the seeds that found the cell (as the median). */
  readonly p90Runs: number | null;
  readonly medianMs: number;
  readonly p90Ms: number;
  /** Median milliseconds to the final case each reports: the harness's polished one, fast-check's shrunk one (an unfound seed counts as the budget). */
  readonly medianFinalMs: number;
  readonly medianSteps: number | null;
  readonly shortestSteps: number;
  /** Seeds whose reported length equals the explorer's shortest. */
  readonly atShortest: number;
  /**
   * Seeds whose reported length is below it: a race outside the explorer's
   * bounds (two pages; the matrix explores one), which it cannot see.
   */
  readonly belowShortest: number;
}

/** One cell, both contenders, every seed (run in a child process so cells use every core). */
async function measureCell(c: Cell): Promise<Figures[]> {
  const variant = builtinVariant(c.variant);
  const out: Figures[] = [];
  for (const contender of ['harness', 'fc.scheduler'] as const) {
    const runs: number[] = [];
    const ms: number[] = [];
    const finalMs: number[] = [];
    const steps: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      if (contender === 'harness') {
        const began = performance.now();
        const r = huntMix(
          { variant, claim: c.claim, blocksPerPage: c.blocksPerPage, mount: [c.mount], ops: CONCURRENT_OPS, pages: c.bounds.pages, maxThreads: c.bounds.threads },
          { strategies: HUNT_MIX, seed: seed * 7919, budgetMs },
        );
        ms.push(r.found ? (r.msToFirstFailure ?? 0) : budgetMs);
        // huntMix returns once the case is shrunk and polished: its whole time is the time to the final case.
        finalMs.push(r.found ? performance.now() - began : budgetMs);
        if (r.found) {
          runs.push(r.runs);
          steps.push(r.case!.schedule.length);
        }
      } else {
        const r = await baselineHunt({ variant, claim: c.claim, blocksPerPage: c.blocksPerPage, mount: c.mount, ...c.bounds }, { seed, runs: 10_000_000, budgetMs });
        ms.push(r.found ? (r.msToFirstFailure ?? 0) : budgetMs);
        finalMs.push(r.found ? (r.msToFinalCase ?? budgetMs) : budgetMs);
        if (r.found) {
          runs.push(r.runs);
          steps.push(r.steps!);
        }
      }
    }
    out.push({
      variant: c.variant, mount: c.mount, claim: c.claim, blocksPerPage: c.blocksPerPage, contender, found: steps.length, seeds,
      medianRuns: runs.length > 0 ? median(runs) : null, p90Runs: runs.length > 0 ? percentile(runs, 0.9) : null, medianMs: round(median(ms)), p90Ms: round(percentile(ms, 0.9)), medianFinalMs: round(median(finalMs)),
      medianSteps: steps.length > 0 ? median(steps) : null, shortestSteps: c.shortestSteps,
      atShortest: steps.filter((s) => s === c.shortestSteps).length,
      belowShortest: steps.filter((s) => s < c.shortestSteps).length,
    });
  }
  return out;
}

function percentile(xs: readonly number[], p: number): number {
  const s = _.sortBy(xs);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}


/** The budget of earlier runs, to compare the ratio with theirs. */
const CAP_MS = 3000;

function geomean(xs: readonly number[]): number {
  return Math.exp(_.meanBy(xs, Math.log));
}

function render(figures: Figures[], speeds: Speeds, seconds: number, bounds: Bounds): string {
  const byCell = _.groupBy(figures, (f) => `${f.variant}|${f.mount}|${f.claim}|${f.blocksPerPage}`);
  const lines = [
    '# Benchmarks: this harness against fast-check\'s scheduler',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, ${jobs} cell(s) at a time, in ${seconds} s.`,
    `${seeds} seeds a contender and cell; a seed stops at its first failure or after ${budgetMs} ms, and an unfound seed counts as ${budgetMs} ms`,
    '(so a ratio over a cell the baseline misses is a lower bound). Both contenders draw their scenarios within the explorer\'s',
    `bounds (${bounds.pages} page(s), up to ${bounds.threads} threads beside the punch, the cell's mount), so that a length compares with its shortest.`,
    `\`harness\` is the hunt as \`npm run hunt -- --pages ${bounds.pages} --threads ${bounds.threads}\` runs it: the strategy mix, shrinking and the`,
    'breadth-first polish. `fc.scheduler` is bench/baselines/fc-scheduler-hunt.ts (a blocked thread sleeps until a step lets it move). Lengths are the counterexample as each',
    'reports it; `shortest` is the explorer\'s (results/MATRIX.md); `at shortest` counts seeds whose length equals it, and `shorter`',
    'seeds whose length is below it (within the same bounds, a bug in the explorer or the replay, so it should read 0).',
    '',
    '| cell | contender | found | median runs | p90 runs | median ms | p90 ms | median ms to final case | median steps | shortest | at shortest | shorter |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const harness = figures.filter((f) => f.contender === 'harness');
  const msRatios: number[] = [];
  const finalRatios: number[] = [];
  const cappedRatios: number[] = [];
  const stepRatios: number[] = [];
  const ratioLines: string[] = [];
  for (const [key, [h, b]] of Object.entries(byCell)) {
    const cell = `${h.variant} ${h.mount} ${h.claim} B=${h.blocksPerPage}`;
    for (const f of [h, b]) {
      lines.push(`| ${cell} | ${f.contender} | ${f.found}/${f.seeds} | ${f.medianRuns ?? '-'} | ${f.p90Runs ?? '-'} | ${f.medianMs} | ${f.p90Ms} | ${f.medianFinalMs} | ${f.medianSteps ?? '-'} | ${f.shortestSteps} | ${f.atShortest}/${f.seeds} | ${f.belowShortest} |`);
    }
    const msRatio = b.medianMs / Math.max(h.medianMs, 0.1);
    msRatios.push(msRatio);
    const finalRatio = b.medianFinalMs / Math.max(h.medianFinalMs, 0.1);
    finalRatios.push(finalRatio);
    cappedRatios.push(Math.min(b.medianMs, CAP_MS) / Math.max(Math.min(h.medianMs, CAP_MS), 0.1));
    const stepRatio = h.medianSteps !== null && b.medianSteps !== null ? b.medianSteps / h.medianSteps : null;
    if (stepRatio !== null) stepRatios.push(stepRatio);
    ratioLines.push(`| ${cell} | ${msRatio.toFixed(1)}${b.found < b.seeds ? ' (lower bound)' : ''} | ${finalRatio.toFixed(2)} | ${stepRatio === null ? '-' : stepRatio.toFixed(2)} |`);
    void key;
  }
  lines.push('', '| cell | ms ratio baseline / harness | final-case ms ratio | steps ratio baseline / harness |', '|---|---|---|---|', ...ratioLines);
  lines.push(
    '',
    `Geometric mean, baseline / harness: ${geomean(msRatios).toFixed(1)}x in milliseconds to the first failure (target 10x);`,
    `${geomean(finalRatios).toFixed(2)}x in milliseconds to the final case (the harness's polished, fast-check's shrunk);`,
    `${stepRatios.length > 0 ? geomean(stepRatios).toFixed(2) : '-'}x in counterexample length, over the ${stepRatios.length} cells both found.`,
    ...(budgetMs > CAP_MS ? [`With every time over ${CAP_MS} ms counted as ${CAP_MS} ms (a smaller budget, as in earlier runs): ${geomean(cappedRatios).toFixed(1)}x.`] : []),
    '',
    `This harness: median under 100 ms in ${harness.filter((f) => f.medianMs < 100).length} of ${harness.length} cells;`,
    `every seed found and at the explorer's shortest in ${harness.filter((f) => f.atShortest === f.seeds).length} of ${harness.length} cells,`,
    `at it or shorter in ${harness.filter((f) => f.atShortest + f.belowShortest === f.seeds).length} of ${harness.length}.`,
    '(`npm run hunt` itself draws foo of up to two pages, where it also finds races shorter than the one-page shortest:',
    'README, "The discovered matrix".)',
    '',
    '## Raw speeds (one core)',
    '',
    `- runner: ${speeds.stepsPerSec} atomic steps a second, every claim checked after every step (target 1,000,000)`,
    `- explorer: ${speeds.statesPerSec} distinct states a second (${speeds.explorerFamily}; target 200,000)`,
    `- hunt: ${speeds.execsPerSec} full executions a second (random strategy on ext4-5.15, scenario drawn and run, claim checked)`,
  );
  return `${lines.join('\n')}\n`;
}

const OUT = RESULT_FILES.benchmarks;
const OUT_RULES = { flag: '(output)', force: false, mayReplace: (t: string) => t.includes('Written by `npm run bench`') };

async function main(): Promise<void> {
  if (!values.quick) checkOutputFile(OUT, OUT_RULES);
  const { bounds, cells: broken } = exploredBrokenCells();
  // --quick is the gate's smoke test: one broken cell a mount and geometry (both journal modes, both
  // page geometries, both contenders), not all of them; a cell costs a child process.
  const chosen = values.quick ? _.uniqBy(broken, (c) => `${c.mount} ${c.blocksPerPage}`) : broken;
  const cells = chosen.map((c): Cell => ({ ...c, bounds }));
  const start = performance.now();
  // Each cell on a worker of the pool: this script again, with the same seeds and budget, serving measureCell.
  const figures = (await onWorkers<Cell, Figures[]>(new URL(import.meta.url), cells, {
    jobs, args: ['--seeds', String(seeds), '--budget-ms', String(budgetMs)],
    onResult: (done) => (values.json ? undefined : process.stderr.write(`\r${done}/${cells.length} cells`)),
  })).flat();
  if (!values.json) process.stderr.write('\n');
  const speeds = measureSpeeds(values.quick);
  const seconds = Math.round((performance.now() - start) / 1000);
  if (values.json) {
    const out = figures.map((f) => _.pick(f, ['variant', 'mount', 'claim', 'blocksPerPage', 'contender', 'medianRuns', 'p90Runs', 'medianMs', 'p90Ms', 'medianFinalMs', 'medianSteps', 'shortestSteps', 'found', 'seeds', 'atShortest', 'belowShortest']));
    process.stdout.write(`${JSON.stringify({ cells: out, speeds: _.pick(speeds, ['stepsPerSec', 'statesPerSec', 'execsPerSec']) })}\n`);
    return;
  }
  const text = render(figures, speeds, seconds, bounds);
  process.stdout.write(text);
  // Sections written by other tools (the mutation score) are kept below the benchmark's own.
  const kept = existsSync(OUT) ? readInputText(OUT).split(/^(?=## Mutation score)/m)[1] ?? '' : '';
  if (!values.quick) writeOutputFile(OUT, kept ? `${text}\n${kept}` : text, OUT_RULES);
}

if (isPoolWorker()) serveTasks(measureCell);
else void runCli('bench compare', main);
