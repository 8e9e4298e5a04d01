import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CLAIM_NAMES } from '../claims/claim';
import { casePath, saveCase } from '../cases/case-store';
import { REUSE_POLICIES } from '../model/allocator';
import { CONCURRENT_OPS } from '../model/ops';
import { type ExpectedMatrix, expectedMatrixSchema, type ExploredCell, keepEarlier, type MatrixCell, mergeExplored } from '../search/expected-matrix';
import { EXHAUSTIVE_STATES_PER_RUN } from '../search/hunt-cell';
import { HUNT_MIX } from '../search/hunt-mix';
import { planHunt } from '../search/hunt-plan';
import { huntOnWorkers } from '../search/hunt-pool';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { builtinVariant } from '../variants/resolve-variant';
import { integer } from './options';
import { runCli } from './user-error';

/**
 * `npm run discover`: hunt every built-in variant x claim x geometry with the
 * strategy mix of `npm run hunt` and a budget of runs (not time, so the
 * result is the same on any machine), save the cases found, fold in what the
 * explorer found that the hunt did not (properties/explored-matrix.json, from
 * `npm run matrix`), and write properties/expected-matrix.json.
 */
void runCli('discover', async () => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'properties/expected-matrix.json' },
      explored: { type: 'string', default: 'properties/explored-matrix.json' },
      cases: { type: 'string', default: 'shrunk-cases' },
      runs: { type: 'string', default: '40000' },
      seed: { type: 'string', default: '1' },
    },
  });
  const runsPerCell = integer(values.runs, '--runs', 1, 1e9);
  const seed = integer(values.seed, '--seed', 0, 2 ** 31 - 1);
  const plan = planHunt({
    variants: BUILTIN_VARIANT_NAMES.map(builtinVariant), claims: CLAIM_NAMES, geometries: [1, 2],
    reuse: REUSE_POLICIES, ops: CONCURRENT_OPS, seed,
  });
  const results = await huntOnWorkers(plan, availableParallelism(), { strategies: HUNT_MIX, runs: runsPerCell }, (done, r) => {
    process.stderr.write(`${done}/${plan.length} ${r.found ? `found by ${r.strategy} in ${r.runs} runs, ${r.shortestSteps} steps` : 'not found'}\n`);
  });
  const cells: MatrixCell[] = plan.map((cell, k) => {
    const r = results[k];
    const base = { variant: cell.variant.name, claim: cell.claim, blocksPerPage: cell.blocksPerPage };
    if (!r.found || r.case === null) return { ...base, verdict: 'not-found', strategy: null, seed: null, runs: r.runs, steps: null, case: null };
    saveCase(values.cases, r.case);
    return {
      ...base, verdict: 'violated', strategy: r.strategy, seed: cell.seed, runs: r.runs,
      steps: r.case.schedule.length, case: relative('.', casePath(values.cases, r.case)),
    };
  });
  let matrix: ExpectedMatrix = { generatedBy: 'npm run discover', budget: { runsPerCell, exhaustiveStates: EXHAUSTIVE_STATES_PER_RUN, seed }, cells };
  if (existsSync(values.out)) {
    const earlier = expectedMatrixSchema.parse(JSON.parse(readFileSync(values.out, 'utf8')));
    matrix = keepEarlier(matrix, earlier, (path) => existsSync(path));
  }
  if (existsSync(values.explored)) {
    const explored = JSON.parse(readFileSync(values.explored, 'utf8')) as { cells: ExploredCell[] };
    matrix = mergeExplored(matrix, explored.cells);
  }
  writeFileSync(values.out, `${JSON.stringify(matrix, null, 1)}\n`);
});
