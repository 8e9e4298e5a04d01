import { RESULT_FILES } from '../../results/result-files';
import { type MutantResult, readMutantsTable } from '../../results/mutants-table';
import { CORPUS_DIR } from '../../cases/case-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIM_NAMES } from '../../claims/claim';
import { checkOutputFile, type OutputRules, writeOutputFile } from '../../files/output-file';
import { generatedBy } from '../../results/read-result';
import { MODEL_MUTANTS } from '../../mutants/model-mutants';
import { MUTANT_BASE, MUTANT_PREFIX } from '../../mutants/mutant-base';
import { mutantsOf } from '../../mutants/mutants';
import { SURVIVORS } from '../../mutants/survivors';
import { CONCURRENT_OPS } from '../../model/ops';
import { exploreCells } from '../../search/explore/explore-cells';
import { exploreOnWorkers, type ExploredCellJson, type ExploreTask } from '../explore-on-workers';
import { variantToFile } from '../../variants/variant-to-file';
import type { Command } from '../command';
import { integer, list, parseOptions } from '../options';

const JSON_FILE = RESULT_FILES.mutantsTable;
/**
 * The mutants are explored under data=writeback: a freed block is reused at
 * once, so every race through a reused block is within three threads, and a
 * family is a third the size of data=ordered's (results/MATRIX.md has both).
 */
const MUTANTS_MOUNT = 'data=writeback' as const;
const MARKDOWN = RESULT_FILES.mutants;

type Result = MutantResult;

export interface MutantsPlan {
  readonly threads: number;
  readonly maxStates: number;
  readonly jobs: number;
  readonly all: readonly string[];
  readonly only: readonly string[];
  readonly previous: readonly Result[];
  readonly json: { path: string; rules: OutputRules };
  readonly markdown: { path: string; rules: OutputRules };
}

/**
 * `npm run mutants`: explore every mutant of MUTANT_BASE (src/mutants) with
 * the explorer's default bounds, with one block a page and, for a mutant
 * that breaks nothing there, two as well, and the model mutants
 * (src/mutants/model-mutants.ts) with two; write properties/mutants.json
 * and results/MUTANTS.md, the mutant x claim table. `--only NAME[,NAME]` explores
 * those again and keeps the others' results. Both files are checked (and
 * the JSON read) before the first mutant is explored.
 */
export const mutantsCommand: Command<MutantsPlan> = {
  name: 'mutants',
  help: {
    summary: 'explore each mutant of today\'s design and write results/MUTANTS.md and results/mutants.json',
    usage: 'npx punch-hunt mutants [options]   (alias: npm run mutants -- [options])',
    options: {
      threads: 'threads beside the punch',
      'max-states': 'a family\'s state bound',
      jobs: 'explorations at a time',
      only: 'mutants to explore again, comma-separated (the others keep their rows)',
      force: 'replace outputs this command did not write',
    },
    example: 'npx punch-hunt mutants --only ext4-6.15-dnl--swap-T-RM',
  },
  parse(argv) {
    const { values } = parseOptions(argv, {
      threads: { type: 'string', default: '3' },
      'max-states': { type: 'string', default: '30000000' },
      jobs: { type: 'string', default: String(availableParallelism()) },
      only: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
    const threads = integer(values.threads, '--threads', 1, 4);
    const maxStates = integer(values['max-states'], '--max-states', 1, 2e9);
    const jobs = integer(values.jobs, '--jobs', 1, 64);
    const all = [...mutantsOf(MUTANT_BASE).map((m) => m.name), ...MODEL_MUTANTS.map((m) => m.name)];
    const only = values.only === undefined ? all : list(values.only, all, '--only');
    const json = { path: JSON_FILE, rules: { flag: '(output)', force: values.force, mayReplace: generatedBy('npm run mutants') } };
    const markdown = { path: MARKDOWN, rules: { flag: '(output)', force: values.force, mayReplace: (t: string) => t.includes('Written by `npm run mutants`') } };
    const previous = checkOutputFile(json.path, json.rules) ? readMutantsTable(json.path).mutants : [];
    checkOutputFile(markdown.path, markdown.rules);
    return { threads, maxStates, jobs, all, only, previous, json, markdown };
  },
  async run({ threads, maxStates, jobs, all, only, previous, json, markdown }) {
    const started = performance.now();
    const dir = mkdtempSync(join(tmpdir(), 'mutants-'));
    const mutants = mutantsOf(MUTANT_BASE).filter((m) => only.includes(m.name)).map((m) => {
      const file = join(dir, `${m.name}.json`);
      writeOutputFile(file, JSON.stringify(variantToFile(m.variant)), { flag: '(temporary)', force: false });
      return { ...m, file };
    });
    const task = (m: (typeof mutants)[number], blocksPerPage: number): ExploreTask =>
      ({ variantFile: m.file, mount: MUTANTS_MOUNT, blocksPerPage, threads, pages: 1, maxStates, out: CORPUS_DIR, userBuffers: m.userBuffers, unchecked: true });
    const report = (t: ExploreTask, cells: Array<{ verdict: string; claim: string }>) =>
      process.stderr.write(`${mutants.find((m) => m.file === t.variantFile)?.name} B=${t.blocksPerPage}: ${cells.filter((c) => c.verdict === 'violated').map((c) => c.claim).join(', ') || 'nothing'}\n`);
    const first = await exploreOnWorkers(mutants.map((m) => task(m, 1)), jobs, report);
    // Two blocks a page only for a mutant that broke nothing with one.
    const broke = (cells: ExploredCellJson[]) => cells.some((c) => c.verdict === 'violated');
    const again = mutants.flatMap((_m, k) => (broke(first[k]) ? [] : [k]));
    const redone = await exploreOnWorkers(again.map((k) => task(mutants[k], 2)), jobs, report);
    const second = mutants.map((_m, k) => (again.includes(k) ? redone[again.indexOf(k)] : []));
    const fresh: Result[] = mutants.map((m, k) => ({
      name: m.name, change: m.change, variant: variantToFile(m.variant),
      cells: [...first[k], ...second[k]].map((c) => ({
        claim: c.claim, blocksPerPage: c.blocksPerPage, verdict: c.verdict, states: c.states, collisionBound: c.collisionBound, shortestSteps: c.shortestSteps, case: c.case,
      })),
    }));
    // Model mutants change the code, not the variant: explored in this process, with two blocks a page,
    // since what they break needs a partly punched page; no case is written (it would not replay).
    for (const mm of MODEL_MUTANTS.filter((x) => only.includes(x.name))) {
      const cells = exploreCells({
        variant: MUTANT_BASE, blocksPerPage: 2, pages: 1, mount: MUTANTS_MOUNT, ops: CONCURRENT_OPS, threads,
        claims: CLAIM_NAMES, maxStates, patch: mm.patch,
      });
      process.stderr.write(`${mm.name} B=2: ${cells.filter((c) => c.verdict === 'violated').map((c) => c.claim).join(', ') || 'nothing'}\n`);
      fresh.push({
        name: mm.name, change: mm.change, variant: null,
        cells: cells.map((c) => ({ claim: c.claim, blocksPerPage: 2, verdict: c.verdict, states: c.states, collisionBound: c.collisionBound, shortestSteps: c.shortestSteps, case: null })),
      });
    }
    rmSync(dir, { recursive: true, force: true });
    const results = all.map((name) => fresh.find((r) => r.name === name) ?? previous.find((r) => r.name === name)).filter((r): r is Result => r !== undefined);
    const seconds = Math.round((performance.now() - started) / 1000);
    writeOutputFile(json.path, `${JSON.stringify({ generatedBy: 'npm run mutants', bounds: { threads, pages: 1, mount: MUTANTS_MOUNT, maxStates }, mutants: results }, null, 1)}\n`, json.rules);
    writeOutputFile(markdown.path, render(results, { threads, seconds }), markdown.rules);
  },
};

function render(results: Result[], b: { threads: number; seconds: number }): string {
  const lines = [
    `# Mutants of ${MUTANT_BASE.name}: every claim can fail`,
    '',
    `Written by \`npm run mutants\` (its last run took ${b.seconds} s). Each mutant is ${MUTANT_BASE.name} (${MUTANT_BASE.description})`,
    'with one thing broken (src/mutants/mutants.ts), explored under data=writeback with the matrix\'s other bounds (one page,',
    `up to ${b.threads} threads beside the punch, every operation, every layout and cache state) with one block a page, and`,
    'with two as well when one broke nothing. A cell is the shortest counterexample (its case linked) or `held` (the whole',
    'family explored, nothing broken). The model mutants (src/mutants/model-mutants.ts) change the model\'s code instead;',
    'they are explored with two blocks a page and have no case file (it would not replay on the real model).',
    'The `naive-` mutants are the naive fixes of examples/naive-fixes on this design, each a deadlock the kernel avoided;',
    'the first two deadlock only through a user buffer that maps foo, and are explored with `--user-buffers`.',
    '',
    `| mutant | change | ${CLAIM_NAMES.join(' | ')} |`,
    `|---|---|${CLAIM_NAMES.map(() => '---').join('|')}|`,
  ];
  for (const r of results) {
    const row = CLAIM_NAMES.map((claim) => {
      const cells = r.cells.filter((c) => c.claim === claim);
      const v = cells.find((c) => c.verdict === 'violated');
      if (v) return v.case === null ? `${v.shortestSteps} steps (B=${v.blocksPerPage}, model mutant: no case)` : `[${v.shortestSteps} steps](${v.case}) (B=${v.blocksPerPage})`;
      return cells.map((c) => `${c.verdict} B=${c.blocksPerPage}`).join(', ');
    });
    lines.push(`| \`${r.name.slice(MUTANT_PREFIX.length)}\` | ${r.change} | ${row.join(' | ')} |`);
  }
  const survivors = results.filter((r) => !r.cells.some((c) => c.verdict === 'violated'));
  lines.push('', '## Mutants that break nothing', '');
  for (const r of survivors) {
    const why = r.name === `${MUTANT_PREFIX}unchanged` ? `the control, ${MUTANT_BASE.name} itself` : (SURVIVORS[r.name] ?? '(not yet explained)');
    lines.push(`- \`${r.name.slice(MUTANT_PREFIX.length)}\`: ${why}`);
  }
  const broken = CLAIM_NAMES.map((claim) => `${claim}: ${results.filter((r) => r.cells.some((c) => c.claim === claim && c.verdict === 'violated')).length}`);
  lines.push('', `Mutants breaking each claim: ${broken.join('; ')}.`);
  return `${lines.join('\n')}\n`;
}
