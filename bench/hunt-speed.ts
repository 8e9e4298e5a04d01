/**
 * Time to first failure, per broken cell of properties/expected-matrix.json
 * and per strategy, over N seeds: median runs and milliseconds to the first
 * failure, how many seeds found it, and fast-check's shrunk length against
 * the shortest length for the shrunk scenario (breadth-first).
 * Target (issue 3): every broken cell found in a median under 100 ms with
 * its best strategy; shrunk length equal to the shortest in 20 of 20 seeds.
 *
 * Usage: npm run bench:hunt [-- --seeds 20 --runs 3000 --budget-ms 1000]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { median } from './median';
import { HUNT_STRATEGIES } from '../src/schedulers/scheduler';
import { expectedMatrixSchema } from '../src/search/expected-matrix';
import { huntCell } from '../src/search/hunt-cell';
import { builtinVariant } from '../src/variants/resolve-variant';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3000' },
    'exhaustive-runs': { type: 'string', default: '60' },
    'budget-ms': { type: 'string', default: '1000' },
  },
});
const seeds = Number(values.seeds);
const matrix = expectedMatrixSchema.parse(JSON.parse(readFileSync('properties/expected-matrix.json', 'utf8')));
const cells = matrix.cells.filter((c) => c.verdict === 'violated');

console.log(`${cells.length} broken cells, ${seeds} seeds each, budget ${values.runs} runs (exhaustive ${values['exhaustive-runs']}) or ${values['budget-ms']} ms`);
console.log('cell | strategy | found | median runs | median ms | shrunk = shortest');
let bestUnder100 = 0;
let shrunkEqual = 0;
let shrunkTotal = 0;
for (const c of cells) {
  let bestMs = Infinity;
  for (const strategy of HUNT_STRATEGIES) {
    const runs: number[] = [];
    const ms: number[] = [];
    let equal = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = huntCell(
        { variant: builtinVariant(c.variant), claim: c.claim, blocksPerPage: c.blocksPerPage },
        {
          strategy, seed, runs: Number(strategy === 'exhaustive' ? values['exhaustive-runs'] : values.runs),
          budgetMs: Number(values['budget-ms']), maxStatesPerRun: matrix.budget.exhaustiveStates,
        },
      );
      if (!r.found || r.case === null) continue;
      runs.push(r.runs);
      ms.push(r.msToFirstFailure ?? 0);
      if (r.case.origin.stepsAfterShrinking === r.case.origin.shortestSteps) equal++;
    }
    const found = runs.length;
    // A seed that did not find the cell counts as infinitely slow in the median.
    const medMs = median([...ms, ...Array(seeds - found).fill(Infinity)]);
    const medRuns = median([...runs, ...Array(seeds - found).fill(Infinity)]);
    if (strategy === c.strategy) {
      shrunkEqual += equal;
      shrunkTotal += found;
    }
    bestMs = Math.min(bestMs, medMs);
    console.log(
      `${c.variant} ${c.claim} B=${c.blocksPerPage} | ${strategy} | ${found}/${seeds} | ${fmt(medRuns)} | ${fmt(medMs)} | ${equal}/${found}`,
    );
  }
  if (bestMs < 100) bestUnder100++;
}
console.log(`cells found in a median under 100 ms by their best strategy: ${bestUnder100}/${cells.length}`);
console.log(`fast-check's shrunk length equal to the shortest, with each cell's recorded strategy: ${shrunkEqual}/${shrunkTotal} seeds`);

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : 'not found';
}
