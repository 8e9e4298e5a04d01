import { RESULT_FILES } from '../../results/result-files';
import { formatBound } from '../../reports/format-bound';
import { collisionBound } from '../../search/engine/fingerprint-set';
import { CORPUS_DIR } from '../../cases/case-store';
import _ from 'lodash';
import { availableParallelism } from 'node:os';
import { CLAIM_NAMES } from '../../claims/claim';
import { checkOutputFile, type OutputRules, writeOutputFile } from '../../files/output-file';
import { generatedBy, readResultFile } from '../../results/read-result';
import { type ExpectedMatrix, expectedMatrixSchema, mergeExplored, sameCell } from '../../results/expected-matrix';
import { exploredMatrixSchema } from '../../results/explored-matrix';
import { isOrdered, type Mount, MOUNTS } from '../../model/mount';
import { exploreOnWorkers, type ExploredCellJson } from '../explore-on-workers';
import { DEFAULT_MAX_MEMORY_MB } from '../../search/explore/memory-guard';
import { BUILTIN_VARIANT_NAMES } from '../../variants/builtin-variants';
import type { Command } from '../command';
import { integer, parseOptions } from '../options';
import { distinctOutputs } from '../distinct-outputs';

export interface MatrixPlan {
  readonly threads: number;
  readonly pages: number;
  readonly maxStates: number;
  readonly jobs: number;
  readonly out: { path: string; rules: OutputRules };
  readonly json: { path: string; rules: OutputRules; earlier: ReadonlyArray<{ variant: string; mount: Mount; claim: string; blocksPerPage: number; states: number }> };
  /** The expected matrix, read and checked before any work, updated in place at the end; null when there is none. */
  readonly expected: { path: string; rules: OutputRules; matrix: ExpectedMatrix } | null;
}

/**
 * `npm run matrix`: explore all five variants x all claims x both
 * geometries with the default bounds and write results/MATRIX.md: per variant and
 * claim the verdict, the shortest counterexample's length with a link to its
 * case, or the state count of the proof; the same cells as JSON
 * (properties/explored-matrix.json) for the tests that compare it with the
 * hunt; and fold what it broke into properties/expected-matrix.json. Every
 * input and output is checked before the first family is explored: an
 * output that exists must be this command's own earlier output (or
 * --force), and the expected matrix must be valid.
 */
export const matrixCommand: Command<MatrixPlan> = {
  name: 'matrix',
  help: {
    summary: 'explore all built-in variants x claims x geometries x mounts and write results/MATRIX.md (cases into shrunk-cases)',
    usage: 'npx punch-hunt matrix [options]   (alias: npm run matrix -- [options])',
    options: {
      threads: 'threads beside the punch',
      pages: 'pages of foo',
      'max-states': 'a family\'s state bound',
      jobs: 'explorations at a time',
      out: 'the Markdown table',
      json: 'the same cells as JSON',
      expected: 'the expected matrix to fold the broken cells into',
      force: 'replace outputs this command did not write',
    },
    example: 'npx punch-hunt matrix --jobs 2',
  },
  parse(argv) {
    const { values } = parseOptions(argv, {
      threads: { type: 'string', default: '3' },
      pages: { type: 'string', default: '1' },
      'max-states': { type: 'string', default: '30000000' },
      jobs: { type: 'string', default: String(availableParallelism()) },
      out: { type: 'string', default: RESULT_FILES.matrix },
      json: { type: 'string', default: RESULT_FILES.exploredMatrix },
      expected: { type: 'string', default: RESULT_FILES.expectedMatrix },
      force: { type: 'boolean', default: false },
    });
    const threads = integer(values.threads, '--threads', 0, 4);
    const pages = integer(values.pages, '--pages', 1, 4);
    const maxStates = integer(values['max-states'], '--max-states', 1, 2_000_000_000);
    const jobs = integer(values.jobs, '--jobs', 1, 64);
    distinctOutputs([['--out', values.out], ['--json', values.json], ['--expected', values.expected]]);
    const out = { path: values.out, rules: { flag: '--out', force: values.force, inputs: [values.expected], mayReplace: (t: string) => t.includes('Written by `npm run matrix`') } };
    const json = { path: values.json, rules: { flag: '--json', force: values.force, inputs: [values.expected], mayReplace: generatedBy('npm run matrix') } };
    const jsonThere = checkOutputFile(json.path, json.rules);
    checkOutputFile(out.path, out.rules);
    const earlier = jsonThere ? readResultFile(json.path, exploredMatrixSchema).cells : [];
    let expected: MatrixPlan['expected'] = null;
    const expectedRules = { flag: '--expected', force: true };
    if (checkOutputFile(values.expected, expectedRules)) expected = { path: values.expected, rules: expectedRules, matrix: readResultFile(values.expected, expectedMatrixSchema) };
    return { threads, pages, maxStates, jobs, out, json: { ...json, earlier }, expected };
  },
  async run(p) {
    const started = performance.now();
    // Each variant, mount and geometry is explored by a fresh worker of the pool, `jobs` at a time (one per core),
    // largest family first (longest-processing-time order keeps both cores busy to the end): sized by the
    // last matrix's state counts when there is one, else data=ordered and two blocks a page first.
    const lastStates = (t: { variant: string; mount: Mount; blocksPerPage: number }) => p.json.earlier.find((c) => sameCell(c, { ...t, claim: c.claim }))?.states;
    const tasks = _.sortBy(
      MOUNTS.flatMap((mount) => [2, 1].flatMap((b) => BUILTIN_VARIANT_NAMES.map((v) => ({ variant: v, mount, blocksPerPage: b })))),
      (t) => -(lastStates(t) ?? t.blocksPerPage + (isOrdered(t.mount) ? 2 : 0)),
    );
    // The children share the machine: each gets its part of the memory a search may use.
    const maxMemoryMb = Math.max(64, Math.floor(DEFAULT_MAX_MEMORY_MB / p.jobs));
    // Its cases are the ones results/MATRIX.md links: into the corpus.
    const results = await exploreOnWorkers(
      tasks.map((t) => ({ ...t, threads: p.threads, pages: p.pages, maxStates: p.maxStates, maxMemoryMb, out: CORPUS_DIR })), p.jobs,
      (task, cells) => process.stderr.write(`${task.variant} ${task.mount} B=${task.blocksPerPage}: ${cells[0].states} states, ${cells[0].elapsedMs} ms\n`),
    );
    // Back in the order of the tables: data=ordered first, one block a page first.
    const cells = _.sortBy(results.flat(), (c) => MOUNTS.indexOf(c.mount), (c) => c.blocksPerPage, (c) => BUILTIN_VARIANT_NAMES.indexOf(c.variant));
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const explored = {
      generatedBy: 'npm run matrix',
      bounds: { pages: p.pages, threads: p.threads, mounts: MOUNTS, maxStates: p.maxStates },
      cells: cells.map((c) => ({
        variant: c.variant, mount: c.mount, claim: c.claim, blocksPerPage: c.blocksPerPage, verdict: c.verdict, states: c.states,
        collisionBound: c.collisionBound, unreached: c.unreached, shortestSteps: c.shortestSteps, case: c.case,
      })),
    };
    writeOutputFile(p.out.path, render(cells, { threads: p.threads, pages: p.pages, maxStates: p.maxStates, seconds, jobs: p.jobs }), p.out.rules);
    writeOutputFile(p.json.path, `${JSON.stringify(explored, null, 1)}\n`, p.json.rules);
    if (p.expected !== null) {
      const merged = mergeExplored(p.expected.matrix, explored.cells);
      writeOutputFile(p.expected.path, `${JSON.stringify(merged, null, 1)}\n`, p.expected.rules);
    }
  },
};

type MatrixCell = ExploredCellJson;

/** Transitions over all families (each family's cells share its counts). */
function transitionsLine(cells: MatrixCell[]): string {
  const families = _.uniqBy(cells, (c) => `${c.variant} ${c.mount} ${c.blocksPerPage}`);
  return `${_.sumBy(families, 'states')} distinct states and ${_.sumBy(families, 'transitions')} transitions in all, interchangeable threads merged (symmetry).`;
}

function render(cells: MatrixCell[], b: { threads: number; pages: number; maxStates: number; seconds: string; jobs: number }): string {
  const lines = [
    '# The variant x claim matrix, by exhaustive exploration',
    '',
    `Written by \`npm run matrix\` in ${b.seconds} s (${b.jobs} explorations at a time). Bounds: foo of ${b.pages} page(s); the punch of every block-aligned range`,
    `plus up to ${b.threads} concurrent threads drawn from every operation on every page; every initial cache state;`,
    'under data=ordered, jbd2\'s commit thread besides (a system thread, not one of the scenario\'s); at most',
    `${b.maxStates} states a family. A cell is the shortest counterexample (steps, and its case),`,
    "or `held` with the number of distinct states of the family: a proof within these bounds, and only within them,",
    'up to the chance P that two distinct states shared a 64-bit fingerprint (at most n(n-1)/2 / 2^64 for n states).',
    'Ties between equally short counterexamples go to fewer threads, then fewer thread switches.',
    '',
    transitionsLine(cells),
  ];
  for (const mount of MOUNTS) {
    for (const blocksPerPage of [1, 2]) {
      lines.push('', `## ${mount}, ${blocksPerPage === 1 ? 'one block a page' : 'two blocks a page'}`, '');
      lines.push(`| variant | ${CLAIM_NAMES.join(' | ')} |`, `|---|${CLAIM_NAMES.map(() => '---').join('|')}|`);
      for (const v of BUILTIN_VARIANT_NAMES) {
        const row = CLAIM_NAMES.map((claim) => {
          const c = cells.find((x) => sameCell(x, { variant: v, mount, claim, blocksPerPage }));
          if (!c) return '';
          if (c.verdict === 'violated') return `violated in [${c.shortestSteps} steps](${c.case})`;
          if (c.verdict === 'held' && c.unreached.length > 0) return `held, vacuous: ${c.unreached.join('; ')}`;
          return c.verdict === 'held' ? `held (${c.states} states, P ≤ ${formatBound(collisionBound(c.states))})` : `incomplete (${c.states} states)`;
        });
        lines.push(`| \`${v}\` | ${row.join(' | ')} |`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
