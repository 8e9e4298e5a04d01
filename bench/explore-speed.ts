/**
 * Explorer speed: distinct states a second on one core, over a whole
 * bounded family (every claim checked in every state).
 * Target (issue 4): at least 200,000 distinct states a second.
 *
 * Usage: npm run bench:explore [-- --variant ext4-5.15 --threads 3 --blocks-per-page 1]
 */
import { parseArgs } from 'node:util';
import { explorerSpeed } from './speeds';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'ext4-5.15' },
    threads: { type: 'string', default: '3' },
    'blocks-per-page': { type: 'string', default: '1' },
  },
});
const { perSecond, cells } = explorerSpeed(values.variant, Number(values.threads), Number(values['blocks-per-page']) as 1 | 2);
const { states, transitions, elapsedMs } = cells[0];
console.log(`${values.variant}, ${values.threads} threads, ${values['blocks-per-page']} block(s) a page, one page: ${states} distinct states, ${transitions} transitions, ${(elapsedMs / 1000).toFixed(1)} s`);
console.log(`verdicts: ${cells.map((c) => `${c.claim} ${c.verdict}`).join(', ')}`);
console.log(`distinct states per second: ${perSecond} (target 200000: ${perSecond >= 200_000 ? 'met' : 'NOT met'})`);
