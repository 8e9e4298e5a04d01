import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLAIM_NAMES } from '../claims/claim';
import { mutantsOf } from '../mutants/mutants';
import { SURVIVORS } from '../mutants/survivors';
import { exploreInChild, type ExploredCellJson, inPool } from '../search/explore-child';
import { builtinVariant } from '../variants/resolve-variant';
import { variantToFile } from '../variants/variant-to-file';
import { integer } from './options';
import { runCli } from './user-error';

/**
 * `npm run mutants`: explore every mutant of ext4-5.15 (src/mutants) with
 * the explorer's default bounds, with one block a page and, for a mutant
 * that breaks nothing there, two as well; write properties/mutants.json
 * and MUTANTS.md, the mutant x claim table.
 */
void runCli('mutants', async () => {
  const { values } = parseArgs({
    options: {
      threads: { type: 'string', default: '3' },
      'max-states': { type: 'string', default: '30000000' },
      jobs: { type: 'string', default: String(availableParallelism()) },
    },
  });
  const threads = integer(values.threads, '--threads', 1, 4);
  const maxStates = integer(values['max-states'], '--max-states', 1, 2e9);
  const jobs = integer(values.jobs, '--jobs', 1, 64);
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'mutants-'));
  const mutants = mutantsOf(builtinVariant('ext4-5.15')).map((m) => {
    const file = join(dir, `${m.name}.json`);
    writeFileSync(file, JSON.stringify(variantToFile(m.variant)));
    return { ...m, file };
  });
  const explore = (m: (typeof mutants)[number], blocksPerPage: number) =>
    exploreInChild({ variantFile: m.file, blocksPerPage, threads, pages: 1, maxStates });
  const first = await inPool(mutants, jobs, async (m) => {
    const cells = await explore(m, 1);
    process.stderr.write(`${m.name} B=1: ${cells.filter((c) => c.verdict === 'violated').map((c) => c.claim).join(', ') || 'nothing'}\n`);
    return cells;
  });
  const broke = (cells: ExploredCellJson[]) => cells.some((c) => c.verdict === 'violated');
  const second = await inPool(mutants, jobs, async (m, k) => {
    if (broke(first[k])) return [];
    const cells = await explore(m, 2);
    process.stderr.write(`${m.name} B=2: ${cells.filter((c) => c.verdict === 'violated').map((c) => c.claim).join(', ') || 'nothing'}\n`);
    return cells;
  });
  const results = mutants.map((m, k) => ({
    name: m.name, change: m.change, variant: variantToFile(m.variant),
    cells: [...first[k], ...second[k]].map((c) => ({
      claim: c.claim, blocksPerPage: c.blocksPerPage, verdict: c.verdict, states: c.states, shortestSteps: c.shortestSteps, case: c.case,
    })),
  }));
  const seconds = Math.round((performance.now() - started) / 1000);
  writeFileSync('properties/mutants.json', `${JSON.stringify({ generatedBy: 'npm run mutants', bounds: { threads, pages: 1, reuse: 'immediate', maxStates }, mutants: results }, null, 1)}\n`);
  writeFileSync('MUTANTS.md', render(results, { threads, seconds }));
});

type Result = { name: string; change: string; cells: Array<{ claim: string; blocksPerPage: number; verdict: string; states: number; shortestSteps: number | null; case: string | null }> };

function render(results: Result[], b: { threads: number; seconds: number }): string {
  const lines = [
    '# Mutants of ext4-5.15: every claim can fail',
    '',
    `Written by \`npm run mutants\` in ${b.seconds} s. Each mutant is ext4-5.15 with one thing broken (src/mutants/mutants.ts),`,
    `explored with the matrix's bounds (one page, up to ${b.threads} threads beside the punch, every operation, every cache state,`,
    'immediate reuse) with one block a page, and with two as well when one broke nothing. A cell is the shortest',
    'counterexample (its case linked) or `held` (the whole family explored, nothing broken).',
    '',
    `| mutant | change | ${CLAIM_NAMES.join(' | ')} |`,
    `|---|---|${CLAIM_NAMES.map(() => '---').join('|')}|`,
  ];
  for (const r of results) {
    const row = CLAIM_NAMES.map((claim) => {
      const cells = r.cells.filter((c) => c.claim === claim);
      const v = cells.find((c) => c.verdict === 'violated');
      if (v) return `[${v.shortestSteps} steps](${v.case}) (B=${v.blocksPerPage})`;
      return cells.map((c) => `${c.verdict} B=${c.blocksPerPage}`).join(', ');
    });
    lines.push(`| \`${r.name.replace(/^ext4-5\.15--/, '')}\` | ${r.change} | ${row.join(' | ')} |`);
  }
  const survivors = results.filter((r) => !r.cells.some((c) => c.verdict === 'violated'));
  lines.push('', '## Mutants that break nothing', '');
  for (const r of survivors) lines.push(`- \`${r.name.replace(/^ext4-5\.15--/, '')}\`: ${SURVIVORS[r.name] ?? '(not yet explained)'}`);
  const broken = CLAIM_NAMES.map((claim) => `${claim}: ${results.filter((r) => r.cells.some((c) => c.claim === claim && c.verdict === 'violated')).length}`);
  lines.push('', `Mutants breaking each claim: ${broken.join('; ')}.`);
  return `${lines.join('\n')}\n`;
}
