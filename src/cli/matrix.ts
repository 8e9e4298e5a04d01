import _ from 'lodash';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { CLAIM_NAMES } from '../claims/claim';
import { expectedMatrixSchema, mergeExplored } from '../search/expected-matrix';
import { exploreInChild, type ExploredCellJson, inPool } from '../search/explore-child';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { runCli, UserError } from './user-error';

/**
 * `npm run matrix`: explore all five variants x all claims x both
 * geometries with the default bounds and write MATRIX.md: per variant and
 * claim the verdict, the shortest counterexample's length with a link to its
 * case, or the state count of the proof; the same cells as JSON
 * (properties/explored-matrix.json) for the tests that compare it with the
 * hunt; and fold what it broke into properties/expected-matrix.json.
 */
void runCli('matrix', async () => {
  const { values } = parseArgs({
    options: {
      threads: { type: 'string', default: '3' },
      pages: { type: 'string', default: '1' },
      'max-states': { type: 'string', default: '30000000' },
      jobs: { type: 'string', default: String(availableParallelism()) },
      out: { type: 'string', default: 'MATRIX.md' },
      json: { type: 'string', default: 'properties/explored-matrix.json' },
      expected: { type: 'string', default: 'properties/expected-matrix.json' },
    },
  });
  const threads = Number(values.threads);
  const pages = Number(values.pages);
  const maxStates = Number(values['max-states']);
  const jobs = Number(values.jobs);
  if (![threads, pages, maxStates, jobs].every(Number.isInteger) || jobs < 1) {
    throw new UserError('(arguments)', '--threads/--pages/--max-states/--jobs', 'must be positive integers');
  }
  const started = performance.now();
  // Each variant and geometry is explored by its own `explore` process, `jobs` at a time (one per core),
  // largest family first (longest-processing-time order keeps both cores busy to the end): sized by the
  // last matrix's state counts when there is one, else two blocks a page before one.
  const tasks = _.sortBy(
    [2, 1].flatMap((b) => BUILTIN_VARIANT_NAMES.map((v) => ({ variant: v, blocksPerPage: b }))),
    (t) => -(lastStates(values.json, t.variant, t.blocksPerPage) ?? t.blocksPerPage),
  );
  const results = await inPool(tasks, jobs, async (task) => {
    const cells = await exploreInChild({ ...task, threads, pages, maxStates });
    process.stderr.write(`${task.variant} B=${task.blocksPerPage}: ${cells[0].states} states, ${cells[0].elapsedMs} ms\n`);
    return cells;
  });
  // Back in the order of the tables: one block a page first.
  const cells = _.sortBy(results.flat(), (c) => c.blocksPerPage, (c) => BUILTIN_VARIANT_NAMES.indexOf(c.variant));
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  writeFileSync(values.out, render(cells, { threads, pages, maxStates, seconds, jobs }));
  const explored = {
    generatedBy: 'npm run matrix',
    bounds: { pages, threads, reuse: 'immediate', maxStates },
    cells: cells.map((c) => ({
      variant: c.variant, claim: c.claim, blocksPerPage: c.blocksPerPage, verdict: c.verdict, states: c.states,
      shortestSteps: c.shortestSteps, case: c.case,
    })),
  };
  writeFileSync(values.json, `${JSON.stringify(explored, null, 1)}\n`);
  if (existsSync(values.expected)) {
    const expected = expectedMatrixSchema.parse(JSON.parse(readFileSync(values.expected, 'utf8')));
    writeFileSync(values.expected, `${JSON.stringify(mergeExplored(expected, explored.cells), null, 1)}\n`);
  }
});

type MatrixCell = ExploredCellJson;

/** A family's state count in the last matrix written to `path`, if any. */
function lastStates(path: string, variant: string, blocksPerPage: number): number | null {
  if (!existsSync(path)) return null;
  try {
    const cells = (JSON.parse(readFileSync(path, 'utf8')) as { cells?: Array<{ variant: string; blocksPerPage: number; states: number }> }).cells ?? [];
    return cells.find((c) => c.variant === variant && c.blocksPerPage === blocksPerPage)?.states ?? null;
  } catch {
    return null; // only an ordering hint: a damaged file is rewritten below
  }
}

/** What the sleep sets saved over all families (each family's cells share its counts). */
function sleepSetLine(cells: MatrixCell[]): string {
  const families = _.uniqBy(cells, (c) => `${c.variant} ${c.blocksPerPage}`);
  const taken = _.sumBy(families, 'transitions');
  const pruned = _.sumBy(families, 'pruned');
  if (pruned === 0) return `${taken} transitions in all; sleep sets were off (the default; \`npm run explore -- --reduction on\`, and README, "Exploring exhaustively", for what they save here).`;
  const share = ((100 * pruned) / (taken + pruned)).toFixed(2);
  return `Sleep sets left out ${pruned} of ${taken + pruned} transitions (${share}%). States, verdicts and lengths are the same with them off (tests/search/sleep-sets.test.ts).`;
}

function render(cells: MatrixCell[], b: { threads: number; pages: number; maxStates: number; seconds: string; jobs: number }): string {
  const lines = [
    '# The variant x claim matrix, by exhaustive exploration',
    '',
    `Written by \`npm run matrix\` in ${b.seconds} s (${b.jobs} explorations at a time). Bounds: foo of ${b.pages} page(s); the punch of every block-aligned range`,
    `plus up to ${b.threads} concurrent threads drawn from every operation on every page; every initial cache state;`,
    `immediate reuse; at most ${b.maxStates} states a family. A cell is the shortest counterexample (steps, and its case),`,
    "or `held` with the number of distinct states of the family: a proof within these bounds, and only within them.",
    'Ties between equally short counterexamples go to fewer threads, then fewer thread switches.',
    '',
    sleepSetLine(cells),
  ];
  for (const blocksPerPage of [1, 2]) {
    lines.push('', `## ${blocksPerPage === 1 ? 'One block a page' : 'Two blocks a page'}`, '');
    lines.push(`| variant | ${CLAIM_NAMES.join(' | ')} |`, `|---|${CLAIM_NAMES.map(() => '---').join('|')}|`);
    for (const v of BUILTIN_VARIANT_NAMES) {
      const row = CLAIM_NAMES.map((claim) => {
        const c = cells.find((x) => x.variant === v && x.claim === claim && x.blocksPerPage === blocksPerPage);
        if (!c) return '';
        if (c.verdict === 'violated') return `violated in [${c.shortestSteps} steps](${c.case})`;
        return c.verdict === 'held' ? `held (${c.states} states)` : `incomplete (${c.states} states)`;
      });
      lines.push(`| \`${v}\` | ${row.join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
