import { availableParallelism } from 'node:os';
import pc from 'picocolors';
import { CLAIM_NAMES, type ClaimName } from '../../claims/claim';
import { casePath, type SaveOutcome } from '../../cases/case-store';
import { prepareOutputDir } from '../../files/output-dir';
import { MOUNTS, type Mount } from '../../model/mount';
import { CONCURRENT_OPS, type ConcurrentOp } from '../../model/ops';
import { formatBound } from '../../reports/format-bound';
import type { CoverageRow } from '../../search/kernel/coverage';
import { type ExploreCell, exploreCellsOnThreads } from '../../search/explore/explore-cells';
import { DEFAULT_MAX_MEMORY_MB, memoryGuard } from '../../search/explore/memory-guard';
import type { Variant } from '../../variants/variant';
import type { Command } from '../command';
import { CELL_HELP, CELL_OPTIONS, chooseVariants, geometries, integer, list, oneOf, parseOptions, searchableClaims, shard } from '../options';
import { progress } from '../progress';
import { saveQuietly } from '../save-quietly';

export interface ExplorePlan {
  readonly variants: readonly Variant[];
  readonly geometries: ReadonlyArray<1 | 2>;
  readonly claims: readonly ClaimName[];
  readonly notSearched: ReadonlyArray<{ claim: ClaimName; why: string }>;
  readonly mount: Mount;
  readonly ops: readonly ConcurrentOp[];
  readonly threads: number;
  readonly pages: number;
  readonly maxStates: number;
  readonly maxMemoryMb: number;
  readonly symmetry: boolean;
  /** Threads the search of one family runs on (1: this thread). */
  readonly jobs: number;
  /** Only this shard of each family (every count-th scenario; index 1-based, as the user gave it): `merge` combines the shards' JSON. */
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly out: string;
  readonly json: boolean;
  readonly coverage: boolean;
  readonly userBuffers: boolean;
}

/**
 * `npm run explore`: breadth-first exploration of every interleaving of a
 * bounded scenario family, per variant and geometry, with a verdict per
 * claim: violated (shortest length, case written), held (a proof within the
 * bounds, with the state count), incomplete (the state bound or the memory
 * guard stopped it) or not searched (the operations chosen cannot break it).
 */
export const exploreCommand: Command<ExplorePlan> = {
  name: 'explore',
  help: {
    summary: 'explore every interleaving of a bounded scenario family: a verdict a claim (violated, held, incomplete)',
    usage: 'npx punch-hunt explore [options]   (alias: npm run explore -- [options])',
    options: {
      ...CELL_HELP,
      mount: 'data=ordered or data=writeback',
      threads: 'threads beside the punch, 0 to 4',
      pages: 'pages of foo, 1 to 4',
      'max-states': 'give up as incomplete after this many states',
      'max-memory-mb': 'give up as incomplete past this much memory',
      symmetry: 'merge states that differ by a swap of interchangeable threads, on or off',
      shard: 'i/n: explore only every n-th scenario of each family, from the i-th (1-based, as hunt\'s), so that n machines split one proof; `punch-hunt merge` combines their --json',
      jobs: 'threads the search of a family runs on, its states partitioned among them (default: every core); the same verdicts, states and shortest lengths as on one',
      coverage: 'after each family, how often each step of each path was taken, and how often each operation finished',
      'load-checks': 'on, or off to explore a variant file that fails the checks at load (a punch leaving a lock held, a lock-order cycle), as the mutants do',
      'user-buffers': 'writes and reads with their buffer in a mapping of foo too: write(2) faults it in with i_rwsem held (fstests generic/248), read(2)\'s copy faults it',
    },
    example: 'npx punch-hunt explore --variant ext4-3.15 --blocks-per-page 1 --mount data=writeback --claim bar-never-overwritten-by-foo',
  },
  parse(argv) {
    const { values } = parseOptions(argv, {
      ...CELL_OPTIONS,
      threads: { type: 'string', default: '3' },
      pages: { type: 'string', default: '1' },
      'max-states': { type: 'string', default: '30000000' },
      'max-memory-mb': { type: 'string', default: String(DEFAULT_MAX_MEMORY_MB) },
      symmetry: { type: 'string', default: 'on' },
      jobs: { type: 'string', default: String(availableParallelism()) },
      shard: { type: 'string' },
      coverage: { type: 'boolean', default: false },
      'user-buffers': { type: 'boolean', default: false },
      'load-checks': { type: 'string', default: 'on' },
    });
    const ops = list(values.ops, CONCURRENT_OPS, '--ops');
    const threads = integer(values.threads, '--threads', 0, 4);
    const { searchable, unsearchable } = searchableClaims(list(values.claim, CLAIM_NAMES, '--claim'), values.claim !== undefined, ops, threads);
    const plan = {
      variants: chooseVariants(values.variant, values['variant-file'], oneOf(values['load-checks'], ['on', 'off'] as const, '--load-checks') === 'on'),
      geometries: geometries(values['blocks-per-page']),
      claims: searchable, notSearched: unsearchable,
      mount: oneOf(values.mount ?? MOUNTS[0], MOUNTS, '--mount'),
      ops, threads,
      pages: integer(values.pages, '--pages', 1, 4),
      maxStates: integer(values['max-states'], '--max-states', 1, 2_000_000_000),
      maxMemoryMb: integer(values['max-memory-mb'], '--max-memory-mb', 64, 1_048_576),
      symmetry: oneOf(values.symmetry, ['on', 'off'] as const, '--symmetry') === 'on',
      jobs: integer(values.jobs, '--jobs', 1, 64),
      shard: values.shard === undefined ? null : shard(values.shard),
      json: values.json,
      coverage: values.coverage,
      userBuffers: values['user-buffers'],
    };
    return { ...plan, out: prepareOutputDir(values.out, '--out') };
  },
  async run(p) {
    const cells = await exploreRows(p);
    if (p.json) process.stdout.write(jsonOf(cells, p));
    else if (p.shard !== null) process.stdout.write(`shard ${p.shard.index}/${p.shard.count}: every ${p.shard.count}-th scenario of each family; a held is a proof only when every shard holds (punch-hunt merge)\n`);
    if (!p.json) process.stdout.write(cells.map((c, k) => lineOf(c) + (p.coverage && lastOfFamily(cells, k) ? coverageTable(c.coverage) : '')).join(''));
  },
};

/** Explore what the plan names, save the cases, and give a row per cell (the worker of the pool calls this too). */
export async function exploreRows(p: ExplorePlan, showProgress = true): Promise<Row[]> {
  const cells: Array<Row> = [];
  for (const variant of p.variants) {
    for (const blocksPerPage of p.geometries) {
      const bar = !showProgress || (p.json && process.stderr.isTTY) ? null : progress(`explore ${variant.name} ${p.mount} B=${blocksPerPage}`, p.maxStates);
      const result = p.claims.length === 0 ? [] : await exploreCellsOnThreads({
        variant, blocksPerPage, pages: p.pages, mount: p.mount, ops: p.ops, threads: p.threads, claims: p.claims, userBuffers: p.userBuffers,
        maxStates: p.maxStates, symmetry: p.symmetry, shard: p.shard === null ? undefined : { index: p.shard.index - 1, count: p.shard.count }, memoryExhausted: memoryGuard(p.maxMemoryMb), maxMemoryMb: p.maxMemoryMb,
        progress: (states, depth) => bar?.update(states, `states, depth ${depth}`),
      }, p.jobs);
      bar?.stop();
      for (const cell of result) {
        const saved = cell.case === null ? null : saveQuietly(p.out, cell.case);
        const held = saved !== null && (saved.outcome === 'written' || saved.outcome === 'exists');
        cells.push({ ...cell, path: held && cell.case ? casePath(p.out, cell.case) : null, saved });
      }
      for (const n of p.notSearched) cells.push(notSearchedRow(variant.name, p.mount, blocksPerPage, n.claim, n.why));
    }
  }
  return cells;
}

type Row = Pick<ExploreCell, 'variant' | 'claim' | 'blocksPerPage' | 'mount' | 'ops' | 'threads' | 'states' | 'collisionBound' | 'unreached' | 'coverage' | 'transitions' | 'elapsedMs' | 'shortestSteps' | 'cut'> & {
  readonly verdict: ExploreCell['verdict'] | 'not-searched';
  readonly why?: string;
  readonly path: string | null;
  readonly saved: { outcome: SaveOutcome | 'failed'; words: string } | null;
};

function notSearchedRow(variant: string, mount: Mount, blocksPerPage: 1 | 2, claim: ClaimName, why: string): Row {
  return {
    variant, claim, blocksPerPage, mount, ops: [], threads: 0, verdict: 'not-searched', why, cut: null,
    states: 0, collisionBound: 0, unreached: [], coverage: [], transitions: 0, elapsedMs: 0, shortestSteps: null, path: null, saved: null,
  };
}

/** The rows as `--json` prints them: the case as its path; each family's coverage with `withCoverage`. */
export function jsonCells(cells: readonly Row[], withCoverage = false) {
  return cells.map((c) => ({
    variant: c.variant, claim: c.claim, blocksPerPage: c.blocksPerPage, mount: c.mount, ops: c.ops, threads: c.threads,
    verdict: c.verdict, vacuous: c.unreached.length > 0, unreached: c.unreached, cut: c.cut, why: c.why ?? null, states: c.states, collisionBound: c.collisionBound, transitions: c.transitions, elapsedMs: c.elapsedMs,
    shortestSteps: c.shortestSteps, case: c.path, saved: c.saved?.outcome ?? null, ...(withCoverage ? { coverage: c.coverage } : {}),
  }));
}

function jsonOf(cells: readonly Row[], p: ExplorePlan): string {
  const out = jsonCells(cells, p.coverage);
  // The process's peak resident memory, so a bound's promise can be checked from outside; the shard and pages, for merge.
  return `${JSON.stringify({ cells: out, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), pages: p.pages, shard: p.shard, ...(p.userBuffers ? { userBuffers: true } : {}) })}\n`;
}

function lineOf(c: Row): string {
  const verdict = c.verdict === 'violated' ? pc.red(`violated in ${c.shortestSteps} steps`)
    : c.verdict === 'held' && c.unreached.length > 0 ? pc.yellow(`held (vacuous: ${c.unreached.join('; ')})`)
    : c.verdict === 'held' ? pc.green('held')
    : c.verdict === 'incomplete' ? pc.yellow(`incomplete (${c.cut === 'memory' ? 'memory' : 'state bound'})`)
    : pc.yellow(`not searched: ${c.why}`);
  const bound = c.verdict === 'held' ? `, fingerprint collision ≤ ${formatBound(c.collisionBound)}` : '';
  const counts = c.verdict === 'not-searched' ? '' : `  (${c.states} states${bound}, ${c.elapsedMs} ms)`;
  const where = c.saved === null ? '' : c.path !== null ? `  ${c.path}${c.saved.outcome === 'exists' ? ' (already saved)' : ''}` : `  ${pc.yellow(c.saved.words)}`;
  return `${c.variant.padEnd(12)} ${c.mount.padEnd(14)} B=${c.blocksPerPage}  ${c.claim.padEnd(30)} ${verdict}${counts}${where}\n`;
}

/** Whether row k is the last of its variant and geometry (where the family's coverage is printed). */
function lastOfFamily(cells: readonly Row[], k: number): boolean {
  const next = cells[k + 1];
  return next === undefined || next.variant !== cells[k].variant || next.blocksPerPage !== cells[k].blocksPerPage;
}

/** A family's coverage, as `--coverage` prints it: per operation, how often it finished and each step was taken; `never` marks a step no interleaving reached. */
function coverageTable(rows: readonly CoverageRow[]): string {
  const out = ['  coverage (transitions taken per step):'];
  for (const r of rows) {
    out.push(`    ${r.label ?? r.op}: finished ${r.finished} times`);
    for (const st of r.steps) out.push(`      ${String(st.taken).padStart(10)}  ${st.name}${st.taken === 0 ? `  ${pc.yellow('never')}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
