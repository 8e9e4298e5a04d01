/**
 * Clone and fingerprint cost of one state, the explorer's inner loop
 * (issue 2: "well under a microsecond").
 *
 * Usage: npm run bench:state
 */
import { parseOptions } from '../src/cli/options';
import { orExit } from '../src/cli/run-cli';
import { fingerprint } from '../src/model/fingerprint';
import { cloneState } from '../src/model/state';
import { initialState, modelFor } from '../src/run/initial-state';
import type { Scenario } from '../src/run/scenario';
import { builtinVariant } from '../src/variants/resolve-variant';

// No options; asked for help, it says so (punch-hunt bench state --help).
orExit('bench state', {
  summary: 'state copies and fingerprints a second, on one scenario',
  usage: 'npx punch-hunt bench state   (alias: npm run bench:state)',
  options: {},
  example: 'npx punch-hunt bench state',
}, () => parseOptions(process.argv.slice(2), {}));

const sc: Scenario = {
  variant: 'ext4-5.15', blocksPerPage: 2, pages: 2, mount: 'data=writeback', layout: 'contiguous', cache: ['dirty', 'clean-buffers'],
  punch: { start: 0, length: 2 },
  threads: [{ op: 'mmapWrite', page: 0 }, { op: 'barWrite' }, { op: 'writeback', page: 0 }, { op: 'readahead', page: 0, count: 2 }],
};
const m = modelFor(sc, builtinVariant(sc.variant));
const s = initialState(m, sc);
const n = 2_000_000;
let sink = 0;
for (let i = 0; i < 100_000; i++) sink ^= fingerprint(cloneState(s)) & 1; // warm up
let t0 = performance.now();
for (let i = 0; i < n; i++) sink ^= cloneState(s).length;
const cloneNs = ((performance.now() - t0) * 1e6) / n;
t0 = performance.now();
for (let i = 0; i < n; i++) sink ^= fingerprint(s) & 1;
const hashNs = ((performance.now() - t0) * 1e6) / n;
console.log(`state: ${s.length} words, ${m.layout.threads} threads`);
console.log(`clone: ${cloneNs.toFixed(0)} ns, fingerprint: ${hashNs.toFixed(0)} ns, together: ${(cloneNs + hashNs).toFixed(0)} ns (sink ${sink & 1})`);
