import { loadVariantFile, VariantFileError } from '../variants/load-variant-file';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { builtinVariant, VariantError } from '../variants/resolve-variant';
import type { Variant } from '../variants/variant';
import { UserError } from './user-error';

/**
 * Option values shared by the commands, each checked with a one-line error
 * naming the flag (parseArgs itself rejects unknown flags and missing values).
 */

/** The options that choose cells, shared by explore and hunt (parseArgs declarations). */
export const CELL_OPTIONS = {
  variant: { type: 'string' },
  'variant-file': { type: 'string' },
  claim: { type: 'string' },
  'blocks-per-page': { type: 'string' },
  reuse: { type: 'string', default: 'immediate' },
  ops: { type: 'string' },
  out: { type: 'string', default: 'shrunk-cases' },
  json: { type: 'boolean', default: false },
} as const;

/** --variant NAME[,NAME] and --variant-file FILE; neither: every built-in variant. */
export function chooseVariants(names: string | undefined, file: string | undefined): Variant[] {
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

/** A comma-separated list drawn from `all`; absent: all of them. */
export function list<T extends string>(raw: string | undefined, all: readonly T[], flag: string): T[] {
  if (raw === undefined) return [...all];
  return raw.split(',').map((s) => {
    if (!(all as readonly string[]).includes(s)) throw new UserError('(arguments)', flag, `unknown value "${s}" (known: ${all.join(', ')})`);
    return s as T;
  });
}

export function integer(raw: string, flag: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UserError('(arguments)', flag, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** --blocks-per-page 1|2; absent: both geometries. */
export function geometries(raw: string | undefined): Array<1 | 2> {
  return raw === undefined ? [1, 2] : [integer(raw, '--blocks-per-page', 1, 2) as 1 | 2];
}

/** --shard i/n, as vitest's: this machine's share is shard i of n (1-based). */
export function shard(raw: string | undefined): { index: number; count: number } {
  if (raw === undefined) return { index: 1, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 10_000 || index < 1 || index > count) {
    throw new UserError('(arguments)', '--shard', `must be i/n with 1 <= i <= n, got "${raw}"`);
  }
  return { index, count };
}
