/**
 * Explorer speed: distinct states a second on one core, over a whole
 * bounded family (every claim checked in every state).
 * Target (issue 4): at least 200,000 distinct states a second.
 *
 * Usage: npm run bench:explore [-- --variant ext4-5.15 --threads 3 --blocks-per-page 1]
 */
import { chooseVariants, integer, parseOptions } from '../src/cli/options';
import { orExit } from '../src/cli/run-cli';
import { explorerSpeed } from './speeds';

const { values, threads, blocksPerPage } = orExit('bench explore', {
  summary: 'the explorer\'s distinct states a second on one one-page family, with its verdicts',
  usage: 'npx punch-hunt bench explore [options]   (alias: npm run bench:explore -- [options])',
  options: { variant: 'a built-in variant', threads: 'threads beside the punch, 0 to 4', 'blocks-per-page': '1 or 2' },
  example: 'npx punch-hunt bench explore --variant ext4-3.11 --threads 2',
}, () => {
  const { values } = parseOptions(process.argv.slice(2), {
    variant: { type: 'string', default: 'ext4-5.15' },
    threads: { type: 'string', default: '3' },
    'blocks-per-page': { type: 'string', default: '1' },
  });
  chooseVariants(values.variant, undefined);
  return { values, threads: integer(values.threads, '--threads', 0, 4), blocksPerPage: integer(values['blocks-per-page'], '--blocks-per-page', 1, 2) as 1 | 2 };
});
const { perSecond, cells } = explorerSpeed(values.variant, threads, blocksPerPage);
const { states, transitions, elapsedMs } = cells[0];
console.log(`${values.variant}, ${values.threads} threads, ${values['blocks-per-page']} block(s) a page, one page: ${states} distinct states, ${transitions} transitions, ${(elapsedMs / 1000).toFixed(1)} s`);
console.log(`verdicts: ${cells.map((c) => `${c.claim} ${c.verdict}`).join(', ')}`);
console.log(`distinct states per second: ${perSecond} (target 200000: ${perSecond >= 200_000 ? 'met' : 'NOT met'})`);
// Memory per state (issue 20): the process's peak resident memory over the distinct states, the start-up's included.
const peakBytes = process.resourceUsage().maxRSS * 1024;
console.log(`peak resident memory: ${Math.round(peakBytes / 2 ** 20)} MB, ${Math.round(peakBytes / states)} bytes a distinct state`);
