import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { CLAIM_NAMES, isClaimName } from '../claims/claim';
import { casePath, saveCase } from '../cases/case-store';
import { REUSE_POLICIES, type ReusePolicy } from '../model/allocator';
import { CONCURRENT_OPS, type ConcurrentOp } from '../model/ops';
import { type ExploreCell, exploreCells } from '../search/explore-cells';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { loadVariantFile, VariantFileError } from '../variants/load-variant-file';
import { builtinVariant, VariantError } from '../variants/resolve-variant';
import type { Variant } from '../variants/variant';
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
      variant: { type: 'string' },
      'variant-file': { type: 'string' },
      claim: { type: 'string' },
      'blocks-per-page': { type: 'string' },
      reuse: { type: 'string', default: 'immediate' },
      ops: { type: 'string' },
      threads: { type: 'string', default: '3' },
      pages: { type: 'string', default: '1' },
      'max-states': { type: 'string', default: '30000000' },
      out: { type: 'string', default: 'shrunk-cases' },
      json: { type: 'boolean', default: false },
    },
  });
  const variants = chooseVariants(values.variant, values['variant-file']);
  const claims = list(values.claim, CLAIM_NAMES, '--claim', isClaimName);
  const geometries = values['blocks-per-page'] === undefined ? [1, 2] as const : [geometry(values['blocks-per-page'])];
  const reuse = oneOf(values.reuse, REUSE_POLICIES, '--reuse') as ReusePolicy;
  const ops = list(values.ops, CONCURRENT_OPS, '--ops', (s): s is ConcurrentOp => (CONCURRENT_OPS as readonly string[]).includes(s));
  const threads = integer(values.threads, '--threads', 0, 4);
  const pages = integer(values.pages, '--pages', 1, 4);
  const maxStates = integer(values['max-states'], '--max-states', 1, 2_000_000_000);

  const cells: Array<ExploreCell & { path: string | null }> = [];
  for (const variant of variants) {
    for (const blocksPerPage of geometries) {
      const bar = values.json || !process.stderr.isTTY ? null : new SingleBar({ format: `${variant.name} B=${blocksPerPage} [{bar}] {value} states, depth {depth}`, hideCursor: true });
      bar?.start(maxStates, 0, { depth: 0 });
      const result = exploreCells({
        variant, blocksPerPage, pages, reuse, ops, threads, claims, maxStates,
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
      verdict: c.verdict, states: c.states, transitions: c.transitions, elapsedMs: c.elapsedMs, shortestSteps: c.shortestSteps, case: c.path,
    }));
    process.stdout.write(`${JSON.stringify({ cells: out })}\n`);
    return;
  }
  for (const c of cells) {
    const verdict = c.verdict === 'violated' ? pc.red(`violated in ${c.shortestSteps} steps`) : c.verdict === 'held' ? pc.green('held') : pc.yellow('incomplete');
    process.stdout.write(`${c.variant.padEnd(12)} B=${c.blocksPerPage}  ${c.claim.padEnd(30)} ${verdict}  (${c.states} states, ${c.elapsedMs} ms)${c.path ? `  ${c.path}` : ''}\n`);
  }
});

function chooseVariants(names: string | undefined, file: string | undefined): Variant[] {
  const out: Variant[] = [];
  try {
    if (file !== undefined) out.push(loadVariantFile(file));
    if (names !== undefined) for (const n of names.split(',')) out.push(builtinVariant(n));
  } catch (e) {
    if (e instanceof VariantFileError) throw new UserError(e.file, e.field, e.problem);
    if (e instanceof VariantError) throw new UserError('(arguments)', '--variant', e.problem);
    throw e;
  }
  return out.length > 0 ? out : BUILTIN_VARIANT_NAMES.map(builtinVariant);
}

function list<T extends string>(raw: string | undefined, all: readonly T[], flag: string, ok: (s: string) => s is T): T[] {
  if (raw === undefined) return [...all];
  return raw.split(',').map((s) => {
    if (!ok(s)) throw new UserError('(arguments)', flag, `unknown value "${s}" (known: ${all.join(', ')})`);
    return s;
  });
}

function oneOf(raw: string, all: readonly string[], flag: string): string {
  if (!all.includes(raw)) throw new UserError('(arguments)', flag, `must be one of ${all.join(', ')}, got "${raw}"`);
  return raw;
}

function integer(raw: string, flag: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError('(arguments)', flag, `must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function geometry(raw: string): 1 | 2 {
  return integer(raw, '--blocks-per-page', 1, 2) as 1 | 2;
}
