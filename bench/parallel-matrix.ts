/**
 * The explorer on every core against the committed matrix (issue 20: "the
 * parallel explorer's results equal the single-core ones on every matrix
 * family"): each family of results/explored-matrix.json (its bounds: pages,
 * threads, state cap; every variant, mount and geometry) is explored again
 * with the search partitioned over worker threads, and every cell's
 * verdict, distinct states, shortest length and unreached steps are
 * compared with the one-core search that wrote the file. Exits 1 on any
 * difference. Takes about as long as `npm run matrix`.
 *
 * Usage: npm run bench -- parallel [--jobs N] [--only VARIANT]
 */
import { availableParallelism } from 'node:os';
import { CLAIM_NAMES } from '../src/claims/claim';
import { chooseVariants, integer, parseOptions } from '../src/cli/options';
import { orExit } from '../src/cli/run-cli';
import { CONCURRENT_OPS } from '../src/model/ops';
import { readExploredMatrix } from '../src/results/explored-matrix';
import { exploreCellsOnParts } from '../src/search/explore/explore-cells';
import { BUILTIN_VARIANT_NAMES } from '../src/variants/builtin-variants';

const { jobs, variants } = orExit('bench parallel', {
  summary: 'every family of results/explored-matrix.json explored on all cores, compared cell by cell with the committed one-core results',
  usage: 'npx punch-hunt bench parallel [options]   (alias: npm run bench -- parallel [options])',
  options: { jobs: 'worker threads a family (default: every core)', only: 'one built-in variant (default: all)' },
  example: 'npx punch-hunt bench parallel --only ext4-3.11',
}, () => {
  const { values } = parseOptions(process.argv.slice(2), {
    jobs: { type: 'string', default: String(availableParallelism()) },
    only: { type: 'string' },
  });
  return { jobs: integer(values.jobs, '--jobs', 2, 64), variants: chooseVariants(values.only ?? BUILTIN_VARIANT_NAMES.join(','), undefined) };
});

const matrix = readExploredMatrix();
const { pages, threads, mounts, maxStates } = matrix.bounds;
const start = performance.now();
let differences = 0;
let families = 0;
for (const variant of variants) {
  for (const mount of mounts) {
    for (const blocksPerPage of [1, 2] as const) {
      const committed = matrix.cells.filter((c) => c.variant === variant.name && c.mount === mount && c.blocksPerPage === blocksPerPage);
      if (committed.length === 0) continue;
      const t0 = performance.now();
      const cells = await exploreCellsOnParts({ variant, blocksPerPage, pages, mount, ops: CONCURRENT_OPS, threads, claims: CLAIM_NAMES, maxStates }, jobs);
      families++;
      const wrong = cells.flatMap((c) => {
        const one = committed.find((k) => k.claim === c.claim);
        if (one === undefined) return [];
        const mine = `${c.verdict} ${c.states} ${c.shortestSteps ?? '-'} [${c.unreached.join(',')}]`;
        const theirs = `${one.verdict} ${one.states} ${one.shortestSteps ?? '-'} [${(one.unreached ?? []).join(',')}]`;
        return mine === theirs ? [] : [`${c.claim}: ${mine} on ${jobs} threads, ${theirs} on one core`];
      });
      differences += wrong.length;
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(`${variant.name} ${mount} B=${blocksPerPage}: ${cells[0].states} states, ${secs} s, ${wrong.length === 0 ? 'every cell as on one core' : wrong.join('; ')}`);
    }
  }
}
console.log(`${families} families on ${jobs} threads in ${((performance.now() - start) / 1000).toFixed(0)} s: ${differences === 0 ? 'every cell\'s verdict, states, shortest length and unreached steps as on one core' : `${differences} cells differ`}`);
process.exitCode = differences === 0 ? 0 : 1;
