import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command';
import { asksForHelp, HelpRequested } from '../help';
import { UserError } from '../../files/user-error';
import { TSX } from '../../pool/worker-pool';

/** The benchmarks, by name: each a script of bench/ with its own options (`punch-hunt bench NAME --help`). */
export const BENCHES = {
  compare: { file: 'compare.ts', what: 'the hunt against fast-check\'s scheduler on every broken cell; writes results/BENCHMARKS.md' },
  hunt: { file: 'hunt-speed.ts', what: 'each hunt strategy on every broken cell: runs and time to the first failure; writes results/BENCHMARKS-HUNT.md' },
  explore: { file: 'explore-speed.ts', what: 'the explorer\'s distinct states a second on one family' },
  por: { file: 'por-potential.ts', what: 'an upper bound on what a partial-order reduction with word-level footprints would save on one family' },
  parallel: { file: 'parallel-matrix.ts', what: 'every matrix family explored on all cores, compared with the committed one-core results' },
  runner: { file: 'runner-speed.ts', what: 'steps a second of the runner' },
  state: { file: 'state-speed.ts', what: 'state copies and fingerprints a second' },
} as const;
type BenchName = keyof typeof BENCHES;

interface BenchPlan {
  readonly bench: BenchName;
  readonly args: readonly string[];
}

/** `punch-hunt bench [NAME] [options]`: runs bench/NAME's script with the options, which it checks itself. */
export const benchCommand: Command<BenchPlan> = {
  name: 'bench',
  help: {
    summary: `run a benchmark (\`bench NAME --help\` lists its options): ${Object.entries(BENCHES).map(([n, b]) => `${n}, ${b.what}`).join('; ')}`,
    usage: 'npx punch-hunt bench [NAME] [options]   (alias: npm run bench -- [NAME] [options])',
    options: {},
    example: 'npx punch-hunt bench hunt --only ext4-3.11',
  },
  parse(argv) {
    const named = argv.length > 0 && !argv[0].startsWith('-');
    const bench = named ? argv[0] : 'compare';
    if (!Object.hasOwn(BENCHES, bench)) throw new UserError('(arguments)', 'NAME', `no benchmark "${bench}": one of ${Object.keys(BENCHES).join(', ')}`);
    const args = named ? argv.slice(1) : argv;
    // `bench --help` (no name) is this command's help; `bench NAME --help` is the script's.
    if (!named && asksForHelp(args)) throw new HelpRequested({});
    return { bench: bench as BenchName, args };
  },
  run(p) {
    const script = fileURLToPath(new URL(`../../../bench/${BENCHES[p.bench].file}`, import.meta.url));
    const r = spawnSync(process.execPath, ['--import', TSX, script, ...p.args], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
  },
};
