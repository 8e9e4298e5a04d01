import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { CLAIM_NAMES } from '../claims/claim';
import { casePath, saveCase } from '../cases/case-store';
import { REUSE_POLICIES, type ReusePolicy } from '../model/allocator';
import { CONCURRENT_OPS } from '../model/ops';
import { type ExploreCell, exploreCells } from '../search/explore-cells';
import { CELL_OPTIONS, chooseVariants, geometries, integer, list } from './options';
import { runCli, UserError } from './user-error';

/**
 * `npm run explore`: breadth-first exploration of every interleaving of a
 * bounded scenario family, per variant and geometry, with a verdict per
 * claim: violated (shortest length, case written), held (a proof within the
 * bounds, with the state count) or incomplete (the state bound was hit).
 */
void runCli('explore', () => {
  const { values } = parseArgs({
    options: {
      ...CELL_OPTIONS,
      threads: { type: 'string', default: '3' },
      pages: { type: 'string', default: '1' },
      'max-states': { type: 'string', default: '30000000' },
      reduction: { type: 'string', default: 'off' },
    },
  });
  const variants = chooseVariants(values.variant, values['variant-file']);
  const claims = list(values.claim, CLAIM_NAMES, '--claim');
  const reuseList = list(values.reuse, REUSE_POLICIES, '--reuse');
  if (reuseList.length !== 1) throw new UserError('(arguments)', '--reuse', 'the explorer takes one reuse policy');
  const reuse: ReusePolicy = reuseList[0];
  const ops = list(values.ops, CONCURRENT_OPS, '--ops');
  const threads = integer(values.threads, '--threads', 0, 4);
  const pages = integer(values.pages, '--pages', 1, 4);
  const maxStates = integer(values['max-states'], '--max-states', 1, 2_000_000_000);
  const reduction = list(values.reduction, ['on', 'off'] as const, '--reduction');
  if (reduction.length !== 1) throw new UserError('(arguments)', '--reduction', 'must be on or off');

  const cells: Array<ExploreCell & { path: string | null }> = [];
  for (const variant of variants) {
    for (const blocksPerPage of geometries(values['blocks-per-page'])) {
      const bar = values.json || !process.stderr.isTTY ? null : new SingleBar({ format: `${variant.name} B=${blocksPerPage} [{bar}] {value} states, depth {depth}`, hideCursor: true });
      bar?.start(maxStates, 0, { depth: 0 });
      const result = exploreCells({
        variant, blocksPerPage, pages, reuse, ops, threads, claims, maxStates, reduction: reduction[0] === 'on',
        progress: (states, depth) => bar?.update(states, { depth }),
      });
      bar?.stop();
      for (const cell of result) {
        const path = cell.case ? casePath(values.out, cell.case) : null;
        if (cell.case) saveCase(values.out, cell.case);
        cells.push({ ...cell, path });
      }
    }
  }
  if (values.json) {
    const out = cells.map((c) => ({
      variant: c.variant, claim: c.claim, blocksPerPage: c.blocksPerPage, reuse: c.reuse, ops: c.ops, threads: c.threads,
      verdict: c.verdict, states: c.states, transitions: c.transitions, pruned: c.pruned, elapsedMs: c.elapsedMs, shortestSteps: c.shortestSteps, case: c.path,
    }));
    process.stdout.write(`${JSON.stringify({ cells: out })}\n`);
    return;
  }
  for (const c of cells) {
    const verdict = c.verdict === 'violated' ? pc.red(`violated in ${c.shortestSteps} steps`) : c.verdict === 'held' ? pc.green('held') : pc.yellow('incomplete');
    process.stdout.write(`${c.variant.padEnd(12)} B=${c.blocksPerPage}  ${c.claim.padEnd(30)} ${verdict}  (${c.states} states, ${c.pruned} transitions pruned by sleep sets, ${c.elapsedMs} ms)${c.path ? `  ${c.path}` : ''}\n`);
  }
});
