/**
 * Explorer speed: distinct states a second over a whole bounded family
 * (every claim checked in every state), on one core and then on every
 * core of the machine (the search partitioned over worker threads), with
 * the verdicts and state counts of the two compared.
 * Targets (issue 20): at least 1,000,000 distinct states a second on one
 * core, and at least 1.6 times that on all the cores of a two-core machine.
 *
 * Usage: npm run bench:explore [-- --variant ext4-5.15 --threads 3 --blocks-per-page 1 --mount data=ordered --jobs N]
 */
import { availableParallelism } from 'node:os';
import { chooseVariants, integer, oneOf, parseOptions } from '../src/cli/options';
import { orExit } from '../src/cli/run-cli';
import { MOUNTS } from '../src/model/mount';
import { explorerSpeed, explorerSpeedOnThreads } from './speeds';

const { values, threads, blocksPerPage, mount, jobs } = orExit('bench explore', {
  summary: 'the explorer\'s distinct states a second on one one-page family, on one core and on all, with its verdicts',
  usage: 'npx punch-hunt bench explore [options]   (alias: npm run bench:explore -- [options])',
  options: {
    variant: 'a built-in variant', threads: 'threads beside the punch, 0 to 4', 'blocks-per-page': '1 or 2',
    mount: 'data=ordered (the explorer\'s default) or data=writeback', jobs: 'threads for the all-core run (default: every core)',
  },
  example: 'npx punch-hunt bench explore --variant ext4-3.11 --threads 2',
}, () => {
  const { values } = parseOptions(process.argv.slice(2), {
    variant: { type: 'string', default: 'ext4-5.15' },
    threads: { type: 'string', default: '3' },
    'blocks-per-page': { type: 'string', default: '1' },
    mount: { type: 'string', default: 'data=ordered' },
    jobs: { type: 'string', default: String(availableParallelism()) },
  });
  chooseVariants(values.variant, undefined);
  return {
    values, threads: integer(values.threads, '--threads', 0, 4), blocksPerPage: integer(values['blocks-per-page'], '--blocks-per-page', 1, 2) as 1 | 2,
    mount: oneOf(values.mount, MOUNTS, '--mount'), jobs: integer(values.jobs, '--jobs', 2, 64),
  };
});
const one = explorerSpeed(values.variant, threads, blocksPerPage, mount);
const { states, transitions, elapsedMs } = one.cells[0];
console.log(`${values.variant}, ${mount}, ${threads} threads, ${blocksPerPage} block(s) a page, one page: ${states} distinct states, ${transitions} transitions`);
console.log(`verdicts: ${one.cells.map((c) => `${c.claim} ${c.verdict}`).join(', ')}`);
console.log(`one core: ${(elapsedMs / 1000).toFixed(1)} s, ${one.perSecond} distinct states per second (target 1000000: ${one.perSecond >= 1_000_000 ? 'met' : 'NOT met'})`);
// Memory per state (issue 20): the process's peak resident memory over the distinct states, the start-up's included.
const peakBytes = process.resourceUsage().maxRSS * 1024;
console.log(`one core, peak resident memory: ${Math.round(peakBytes / 2 ** 20)} MB, ${Math.round(peakBytes / states)} bytes a distinct state`);
const all = await explorerSpeedOnThreads(values.variant, threads, blocksPerPage, mount, jobs);
const same = all.cells.every((c, i) => c.verdict === one.cells[i].verdict && c.states === one.cells[i].states && c.shortestSteps === one.cells[i].shortestSteps);
const ratio = all.perSecond / one.perSecond;
console.log(`${jobs} threads: ${(all.cells[0].elapsedMs / 1000).toFixed(1)} s, ${all.perSecond} distinct states per second, ${ratio.toFixed(2)} times one core (target 1.6: ${ratio >= 1.6 ? 'met' : 'NOT met'}); verdicts, states and shortest lengths as on one core: ${same ? 'yes' : 'NO'}`);
process.exitCode = same ? 0 : 1;
