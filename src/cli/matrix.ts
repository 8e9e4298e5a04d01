import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLAIM_NAMES } from '../claims/claim';
import { casePath, saveCase } from '../cases/case-store';
import { CONCURRENT_OPS } from '../model/ops';
import { type ExploreCell, exploreCells } from '../search/explore-cells';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { builtinVariant } from '../variants/resolve-variant';
import { runCli, UserError } from './user-error';

/**
 * `npm run matrix`: explore all five variants x all claims x both
 * geometries with the default bounds and write MATRIX.md: per variant and
 * claim the verdict, the shortest counterexample's length with a link to its
 * case, or the state count of the proof; and the same cells as JSON
 * (properties/explored-matrix.json) for the tests that compare it with the
 * hunt.
 */
void runCli('matrix', () => {
  const { values } = parseArgs({
    options: {
      threads: { type: 'string', default: '3' },
      pages: { type: 'string', default: '1' },
      'max-states': { type: 'string', default: '30000000' },
      out: { type: 'string', default: 'MATRIX.md' },
      json: { type: 'string', default: 'properties/explored-matrix.json' },
    },
  });
  const threads = Number(values.threads);
  const pages = Number(values.pages);
  const maxStates = Number(values['max-states']);
  if (![threads, pages, maxStates].every(Number.isInteger)) throw new UserError('(arguments)', '--threads/--pages/--max-states', 'must be integers');
  const started = performance.now();
  const cells: Array<ExploreCell & { path: string | null }> = [];
  for (const blocksPerPage of [1, 2] as const) {
    for (const name of BUILTIN_VARIANT_NAMES) {
      const result = exploreCells({
        variant: builtinVariant(name), blocksPerPage, pages, reuse: 'immediate', ops: CONCURRENT_OPS, threads, claims: CLAIM_NAMES, maxStates,
      });
      for (const c of result) {
        if (c.case) saveCase('shrunk-cases', c.case);
        cells.push({ ...c, path: c.case ? casePath('shrunk-cases', c.case) : null });
      }
      process.stderr.write(`${name} B=${blocksPerPage}: ${result[0].states} states, ${result[0].elapsedMs} ms\n`);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  writeFileSync(values.out, render(cells, { threads, pages, maxStates, seconds }));
  const explored = {
    generatedBy: 'npm run matrix',
    bounds: { pages, threads, reuse: 'immediate', maxStates },
    cells: cells.map((c) => ({
      variant: c.variant, claim: c.claim, blocksPerPage: c.blocksPerPage, verdict: c.verdict, states: c.states,
      shortestSteps: c.shortestSteps, case: c.path,
    })),
  };
  writeFileSync(values.json, `${JSON.stringify(explored, null, 1)}\n`);
});

function render(cells: Array<ExploreCell & { path: string | null }>, b: { threads: number; pages: number; maxStates: number; seconds: string }): string {
  const lines = [
    '# The variant x claim matrix, by exhaustive exploration',
    '',
    `Written by \`npm run matrix\` in ${b.seconds} s. Bounds: foo of ${b.pages} page(s); the punch of every block-aligned range`,
    `plus up to ${b.threads} concurrent threads drawn from every operation on every page; every initial cache state;`,
    `immediate reuse; at most ${b.maxStates} states a family. A cell is the shortest counterexample (steps, and its case),`,
    "or `held` with the number of distinct states of the family: a proof within these bounds, and only within them.",
  ];
  for (const blocksPerPage of [1, 2]) {
    lines.push('', `## ${blocksPerPage === 1 ? 'One block a page' : 'Two blocks a page'}`, '');
    lines.push(`| variant | ${CLAIM_NAMES.join(' | ')} |`, `|---|${CLAIM_NAMES.map(() => '---').join('|')}|`);
    for (const v of BUILTIN_VARIANT_NAMES) {
      const row = CLAIM_NAMES.map((claim) => {
        const c = cells.find((x) => x.variant === v && x.claim === claim && x.blocksPerPage === blocksPerPage);
        if (!c) return '';
        if (c.verdict === 'violated') return `violated in [${c.shortestSteps} steps](${c.path})`;
        return c.verdict === 'held' ? `held (${c.states} states)` : `incomplete (${c.states} states)`;
      });
      lines.push(`| \`${v}\` | ${row.join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
