import { RESULT_FILES } from '../../results/result-files';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { CLAIM_NAMES } from '../../claims/claim';
import { casePath, CORPUS_DIR } from '../../cases/case-store';
import { checkOutputFile, type OutputRules, writeOutputFile } from '../../files/output-file';
import { prepareOutputDir } from '../../files/output-dir';
import { generatedBy, readResultFile } from '../../results/read-result';
import { MOUNTS } from '../../model/mount';
import { CONCURRENT_OPS } from '../../model/ops';
import { type ExpectedMatrix, expectedMatrixSchema, keepEarlier, type MatrixCell, mergeExplored } from '../../results/expected-matrix';
import { type ExploredCell, exploredMatrixSchema } from '../../results/explored-matrix';
import { HUNT_MIX } from '../../search/hunt/hunt-mix';
import { planHunt } from '../../search/hunt/hunt-plan';
import { huntOnWorkers } from '../../search/hunt/hunt-on-workers';
import { BUILTIN_VARIANT_NAMES } from '../../variants/builtin-variants';
import { builtinVariant } from '../../variants/resolve-variant';
import type { Command } from '../command';
import { distinctOutputs } from '../distinct-outputs';
import { integer, parseOptions } from '../options';
import { saveQuietly } from '../save-quietly';

/**
 * Discover's cap on one exhaustive run, below the hunt's
 * (EXHAUSTIVE_STATES_PER_RUN, src/search/hunt-cell.ts): discover spends a budget of runs, not of
 * time, and at the hunt's 50,000 a clean scenario's run may cost fourteen
 * times as many states, so the 40,000 runs of each cell nothing breaks took
 * longer than an hour where they took minutes (4 of 168 cells in 3 minutes).
 * What discover misses comes in from the explorer, as strategy `explorer`;
 * the cap is recorded in the file, and the older-variants test hunts with it.
 */
export const DISCOVER_STATES_PER_RUN = 3_500;

export interface DiscoverPlan {
  readonly runsPerCell: number;
  readonly exhaustiveStates: number;
  readonly seed: number;
  readonly jobs: number;
  readonly out: { path: string; rules: OutputRules; earlier: ExpectedMatrix | null };
  readonly explored: readonly ExploredCell[] | null;
  readonly cases: string;
}

/**
 * `npm run discover`: hunt every built-in variant x claim x geometry with the
 * strategy mix of `npm run hunt` and a budget of runs (not time, so the
 * result is the same on any machine), save the cases found, fold in what the
 * explorer found that the hunt did not (properties/explored-matrix.json, from
 * `npm run matrix`), and write properties/expected-matrix.json. The files it
 * reads are read and checked before the hunt starts.
 */
export const discoverCommand: Command<DiscoverPlan> = {
  name: 'discover',
  help: {
    summary: 'hunt every built-in cell with a budget of runs and write results/expected-matrix.json',
    usage: 'npx punch-hunt discover [options]   (alias: npm run discover -- [options])',
    options: {
      out: 'the expected matrix written',
      explored: 'the explorer\'s cells folded in',
      cases: 'where the cases go',
      runs: 'runs a cell',
      'exhaustive-states': 'an exhaustive run\'s state cap',
      seed: 'the seed of the plan',
      jobs: 'workers at once (processes of the pool, src/pool)',
      force: 'replace an output this command did not write',
    },
    example: 'npx punch-hunt discover --runs 2000 --out /tmp/expected.json --cases /tmp/cases',
  },
  parse(argv) {
    const { values } = parseOptions(argv, {
      out: { type: 'string', default: RESULT_FILES.expectedMatrix },
      explored: { type: 'string', default: RESULT_FILES.exploredMatrix },
      cases: { type: 'string', default: CORPUS_DIR },
      runs: { type: 'string', default: '40000' },
      'exhaustive-states': { type: 'string', default: String(DISCOVER_STATES_PER_RUN) },
      seed: { type: 'string', default: '1' },
      jobs: { type: 'string', default: String(availableParallelism()) },
      force: { type: 'boolean', default: false },
    });
    const runsPerCell = integer(values.runs, '--runs', 1, 1e9);
    const exhaustiveStates = integer(values['exhaustive-states'], '--exhaustive-states', 1, 1e9);
    const seed = integer(values.seed, '--seed', 0, 2 ** 31 - 1);
    const jobs = integer(values.jobs, '--jobs', 1, 64);
    distinctOutputs([['--out', values.out], ['--explored', values.explored]]);
    const rules = { flag: '--out', force: values.force, inputs: [values.explored], mayReplace: generatedBy('npm run discover') };
    const earlier = checkOutputFile(values.out, rules) ? readResultFile(values.out, expectedMatrixSchema) : null;
    const explored = existsSync(values.explored) ? readResultFile(values.explored, exploredMatrixSchema).cells : null;
    return { runsPerCell, exhaustiveStates, seed, jobs, out: { path: values.out, rules, earlier }, explored, cases: prepareOutputDir(values.cases, '--cases') };
  },
  async run(p) {
    const plan = planHunt({
      variants: BUILTIN_VARIANT_NAMES.map(builtinVariant), claims: CLAIM_NAMES, geometries: [1, 2],
      mounts: MOUNTS, ops: CONCURRENT_OPS, seed: p.seed,
    });
    const results = await huntOnWorkers(plan, p.jobs, { strategies: HUNT_MIX, runs: p.runsPerCell, maxStatesPerRun: p.exhaustiveStates }, (done, r) => {
      process.stderr.write(`${done}/${plan.length} ${r.found ? `found by ${r.strategy} in ${r.runs} runs, ${r.shortestSteps} steps` : 'not found'}\n`);
    });
    const cells: MatrixCell[] = plan.map((cell, k) => {
      const r = results[k];
      const base = { variant: cell.variant.name, mount: cell.mount[0], claim: cell.claim, blocksPerPage: cell.blocksPerPage };
      const saved = r.found && r.case !== null ? saveQuietly(p.cases, r.case) : null;
      if (saved === null || r.case === null || (saved.outcome !== 'written' && saved.outcome !== 'exists')) {
        if (saved !== null) process.stderr.write(`discover: ${base.variant} ${base.mount} B=${base.blocksPerPage} ${base.claim}: ${saved.words}\n`);
        return { ...base, verdict: 'not-found', strategy: null, seed: null, runs: r.runs, steps: null, case: null };
      }
      return {
        ...base, verdict: 'violated', strategy: r.strategy, seed: cell.seed, runs: r.runs,
        steps: r.case.schedule.length, case: relative('.', casePath(p.cases, r.case)),
      };
    });
    let matrix: ExpectedMatrix = { generatedBy: 'npm run discover', budget: { runsPerCell: p.runsPerCell, exhaustiveStates: p.exhaustiveStates, seed: p.seed }, cells };
    if (p.out.earlier !== null) matrix = keepEarlier(matrix, p.out.earlier, (path) => existsSync(path));
    if (p.explored !== null) matrix = mergeExplored(matrix, p.explored);
    writeOutputFile(p.out.path, `${JSON.stringify(matrix, null, 1)}\n`, p.out.rules);
  },
};
