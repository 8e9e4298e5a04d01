import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_CASES_DIR } from '../cases/case-store';
import type { ClaimName } from '../claims/claim';
import { whyUnsearchable } from '../arbitraries/why-unsearchable';
import type { ConcurrentOp } from '../model/ops';
import { loadVariantFile } from '../variants/load-variant-file';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { builtinVariant, VariantError } from '../variants/resolve-variant';
import type { Variant } from '../variants/variant';
import { asksForHelp, HelpRequested } from './help';
import { printable, UserError } from '../files/user-error';

/**
 * Option values shared by the commands, each checked where it is read,
 * with a one-line error naming the flag.
 */

/** The options that choose cells, shared by explore and hunt (parseArgs declarations). */
export const CELL_OPTIONS = {
  variant: { type: 'string' },
  'variant-file': { type: 'string' },
  claim: { type: 'string' },
  'blocks-per-page': { type: 'string' },
  mount: { type: 'string' },
  ops: { type: 'string' },
  out: { type: 'string', default: DEFAULT_CASES_DIR },
  json: { type: 'boolean', default: false },
} as const;

/** What --help says of CELL_OPTIONS. */
export const CELL_HELP: Readonly<Record<keyof typeof CELL_OPTIONS, string>> = {
  variant: 'built-in variants, comma-separated (default: all)',
  'variant-file': 'a variant of your own, as a JSON file (examples/)',
  claim: 'claims, comma-separated (default: all)',
  'blocks-per-page': '1 or 2 (default: both)',
  mount: 'data=ordered or data=writeback',
  ops: 'the operations beside the punch, comma-separated (default: all)',
  out: 'where cases are written; shrunk-cases adds them to the committed corpus',
  json: 'one JSON object on stdout instead of the table',
};

/**
 * node:util parseArgs, strict, its errors (an unknown option, a missing
 * value, a stray argument) turned into one-line user errors.
 */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O, allowPositionals = false) {
  if (asksForHelp(argv)) throw new HelpRequested(options);
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      const message = (e as Error).message.split('\n')[0];
      throw new UserError('(arguments)', /'(--?[A-Za-z0-9-]+)/.exec(message)?.[1] ?? 'arguments', message);
    }
    throw e;
  }
}

/** --variant NAME[,NAME] and --variant-file FILE; neither: every built-in variant. No variant twice. */
export function chooseVariants(names: string | undefined, file: string | undefined, checked = true): Variant[] {
  const out: Variant[] = [];
  if (file !== undefined) out.push(loadVariantFile(file, [], checked));
  try {
    if (names !== undefined) for (const n of names.split(',')) out.push(builtinVariant(n));
  } catch (e) {
    if (e instanceof VariantError) throw new UserError('(arguments)', '--variant', e.problem);
    throw e;
  }
  const twice = out.find((v, k) => out.findIndex((w) => w.name === v.name) !== k);
  if (twice !== undefined) throw new UserError('(arguments)', '--variant', `"${twice.name}" is given twice`);
  return out.length > 0 ? out : BUILTIN_VARIANT_NAMES.map(builtinVariant);
}

/** A comma-separated list drawn from `all`, no value twice; absent: all of them. */
export function list<T extends string>(raw: string | undefined, all: readonly T[], flag: string): T[] {
  if (raw === undefined) return [...all];
  const values = raw.split(',').map((s) => {
    if (!(all as readonly string[]).includes(s)) throw new UserError('(arguments)', flag, `unknown value "${s}" (known: ${all.join(', ')})`);
    return s as T;
  });
  const twice = values.find((v, k) => values.indexOf(v) !== k);
  if (twice !== undefined) throw new UserError('(arguments)', flag, `"${twice}" is given twice`);
  return values;
}

/** Exactly one value of `all`. */
export function oneOf<T extends string>(raw: string, all: readonly T[], flag: string): T {
  if (!(all as readonly string[]).includes(raw)) throw new UserError('(arguments)', flag, `must be one of ${all.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** A decimal integer in [min, max]: no sign unless min is negative, no exponent, no hex, no spaces. */
export function integer(raw: string, flag: string, min: number, max: number): number {
  const n = /^-?\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UserError('(arguments)', flag, `must be a decimal integer from ${min} to ${max}, got "${printable(raw)}"`);
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
  const m = /^(\d{1,5})\/(\d{1,5})$/.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 10_000 || index < 1 || index > count) {
    throw new UserError('(arguments)', '--shard', `must be i/n with 1 <= i <= n <= 10000, got "${raw}"`);
  }
  return { index, count };
}

/**
 * The claims to search, given the operations and threads: a claim named in
 * --claim that cannot fail with them is an error naming it and what is
 * missing; with every claim chosen by default, such claims come back in
 * `unsearchable`, for the command to report as not searched.
 */
export function searchableClaims(
  claims: readonly ClaimName[], explicit: boolean, ops: readonly ConcurrentOp[], threads: number,
): { searchable: ClaimName[]; unsearchable: Array<{ claim: ClaimName; why: string }> } {
  const unsearchable = claims.flatMap((claim) => {
    const why = whyUnsearchable(claim, ops, threads);
    return why === null ? [] : [{ claim, why }];
  });
  if (explicit && unsearchable.length > 0) throw new UserError('(arguments)', '--claim', unsearchable[0].why);
  return { searchable: claims.filter((c) => !unsearchable.some((u) => u.claim === c)), unsearchable };
}
