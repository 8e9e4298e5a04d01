/**
 * Explorer speed: distinct states a second on one core, over a whole
 * bounded family (every claim checked in every state).
 * Target (issue 4): at least 200,000 distinct states a second.
 *
 * Usage: npm run bench:explore [-- --threads 3 --blocks-per-page 1]
 */
import { parseArgs } from 'node:util';
import { CLAIM_NAMES } from '../src/claims/claim';
import { CONCURRENT_OPS } from '../src/model/ops';
import { exploreCells } from '../src/search/explore-cells';
import { builtinVariant } from '../src/variants/resolve-variant';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'ext4-5.15' },
    threads: { type: 'string', default: '3' },
    'blocks-per-page': { type: 'string', default: '1' },
  },
});
const cells = exploreCells({
  variant: builtinVariant(values.variant), blocksPerPage: Number(values['blocks-per-page']) as 1 | 2, pages: 1,
  reuse: 'immediate', ops: CONCURRENT_OPS, threads: Number(values.threads), claims: CLAIM_NAMES, maxStates: 100_000_000,
});
const { states, transitions, elapsedMs } = cells[0];
const perSecond = Math.round((states / elapsedMs) * 1000);
console.log(`${values.variant}, ${values.threads} threads, ${values['blocks-per-page']} block(s) a page, one page: ${states} distinct states, ${transitions} transitions, ${(elapsedMs / 1000).toFixed(1)} s`);
console.log(`verdicts: ${cells.map((c) => `${c.claim} ${c.verdict}`).join(', ')}`);
console.log(`distinct states per second: ${perSecond} (target 200000: ${perSecond >= 200_000 ? 'met' : 'NOT met'})`);
