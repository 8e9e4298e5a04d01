import { isLockName, type LockMode } from '../model/locks';
import { BUILTIN_VARIANT_FILES } from './builtin-variants';
import { parsePunchStep } from './punch-step';
import { isVariantLock, kindOf } from './lock-table';
import { rechecksProblem, regionsProblem } from './step-checks';
import { type DioreadNolock, LOCK_SITES, type LockSite, type LockUse, type NewLock, type Variant } from './variant';
import { type VariantFile, variantFileSchema } from './variant-file';
import { VariantError } from './variant-error';

export { VariantError };

/**
 * Validate raw JSON as a variant definition and resolve "extends": a
 * built-in by name, or, when `parentFile` is given (a variant file being
 * loaded), another variant file, whose name ends in ".json".
 */
export function resolveVariant(raw: unknown, parentFile?: (name: string) => Variant): Variant {
  const parsed = variantFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VariantError(issue.path.length > 0 ? issue.path.join('.') : '(root)', issue.message);
  }
  if (BUILTIN_VARIANT_FILES.some((v) => v.name === parsed.data.name)) {
    throw new VariantError('name', `"${parsed.data.name}" is a built-in variant's name; give yours another (it may extend "${parsed.data.name}")`);
  }
  return resolveParsed(parsed.data, parentFile);
}

function resolveParsed(file: VariantFile, parentFile?: (name: string) => Variant): Variant {
  const parent = file.extends === undefined ? undefined : parentOf(file.extends, parentFile);
  const newLocks = ownLocks(file.newLocks ?? [], parent?.newLocks ?? []);
  const punch = file.punch ?? parent?.punch;
  if (punch === undefined) throw new VariantError('punch', 'required when the variant does not extend another');
  punch.forEach((step, i) => {
    const parsedStep = parsePunchStep(step, (lock) => isVariantLock(newLocks, lock));
    if (typeof parsedStep === 'string') throw new VariantError(`punch.${i}`, parsedStep);
    if (parsedStep.kind === 'lock') mutexExclusive(newLocks, parsedStep.lock, parsedStep.mode, `punch.${i}`);
  });
  const locks = Object.fromEntries(
    LOCK_SITES.map((site) => [site, siteLocks(site, file.locks?.[site], parent?.locks[site], newLocks)]),
  ) as unknown as Variant['locks'];
  const regions = file.regions === undefined ? [...(parent?.regions ?? [])] : file.regions.map((r, i) => ({
    ...r, locks: r.locks.map((use, j) => lockUse(use, newLocks, `regions.${i}.locks.${j}`)),
  }));
  const variant = {
    name: file.name,
    description: file.description ?? parent?.description ?? '',
    newLocks,
    counters: file.counters ?? parent?.counters ?? [],
    bumps: file.bumps ?? parent?.bumps ?? [],
    rechecks: file.rechecks ?? parent?.rechecks ?? [],
    regions,
    punch: [...punch],
    locks,
    dioreadNolock: dioreadNolockOf(file.dioreadNolock) ?? parent?.dioreadNolock ?? 'off',
    writebackHandle: file.writebackHandle ?? parent?.writebackHandle ?? 'always',
    readahead: file.readahead ?? parent?.readahead ?? 'per-page',
    readaheadLookup: file.readaheadLookup ?? parent?.readaheadLookup ?? 'reuse-mapped',
    mkwriteLookup: file.mkwriteLookup ?? parent?.mkwriteLookup ?? 'unmapped-buffers',
    lockOrderAtLoad: file.lockOrderAtLoad ?? parent?.lockOrderAtLoad ?? 'reject',
  };
  regionsProblem(variant);
  rechecksProblem(variant);
  return variant;
}

function parentOf(name: string, parentFile?: (name: string) => Variant): Variant {
  const base = BUILTIN_VARIANT_FILES.find((v) => v.name === name);
  if (base !== undefined) return resolveParsed(base);
  if (parentFile !== undefined && name.endsWith('.json')) return parentFile(name);
  const files = parentFile === undefined ? '' : ', or a variant file ending in ".json"';
  throw new VariantError('extends', `unknown variant "${name}" (known: ${BUILTIN_VARIANT_FILES.map((v) => v.name).join(', ')}${files})`);
}

function dioreadNolockOf(given: VariantFile['dioreadNolock']): DioreadNolock | undefined {
  if (given === undefined) return undefined;
  if (typeof given === 'boolean') return given ? 'on' : 'off';
  return given;
}

function siteLocks(
  site: LockSite, given: readonly string[] | undefined, inherited: readonly LockUse[] | undefined, newLocks: readonly NewLock[],
): LockUse[] {
  if (given === undefined) return inherited ? [...inherited] : [];
  return given.map((use, i) => lockUse(use, newLocks, `locks.${site}.${i}`));
}

/** "lock:mode", checked: a lock of the variant, and a mutex only exclusive. */
function lockUse(use: string, newLocks: readonly NewLock[], field: string): LockUse {
  const [lock, mode] = use.split(':');
  if (!isVariantLock(newLocks, lock)) throw new VariantError(field, `unknown lock "${lock}"`);
  mutexExclusive(newLocks, lock, mode as LockMode, field);
  return { lock, mode: mode as LockMode };
}

/**
 * The parent's own locks, then this file's: a name may not be a built-in
 * lock's or one already declared, and `after` must name a lock declared
 * before it (or a built-in).
 */
function ownLocks(given: readonly NewLock[], inherited: readonly NewLock[]): NewLock[] {
  const out = [...inherited];
  given.forEach((l, k) => {
    if (isLockName(l.name)) throw new VariantError(`newLocks.${k}.name`, `"${l.name}" is a built-in lock's name; give yours another`);
    if (out.some((o) => o.name === l.name)) throw new VariantError(`newLocks.${k}.name`, `"${l.name}" is declared twice`);
    if (!isVariantLock(out, l.after)) throw new VariantError(`newLocks.${k}.after`, `unknown lock "${l.after}" (a built-in, or one declared before this one)`);
    out.push({ name: l.name, kind: l.kind, after: l.after });
  });
  return out;
}

/** A mutex is taken exclusive only. */
function mutexExclusive(newLocks: readonly NewLock[], lock: string, mode: LockMode, field: string): void {
  if (mode === 'shared' && kindOf(newLocks, lock) === 'mutex') throw new VariantError(field, `${lock} is a mutex: it is taken exclusive only`);
}

const BUILTINS = new Map(BUILTIN_VARIANT_FILES.map((f) => [f.name, resolveParsed(f)]));

/** A built-in variant by name, or a VariantError naming the known ones. */
export function builtinVariant(name: string): Variant {
  const v = BUILTINS.get(name);
  if (v === undefined) throw new VariantError('variant', `unknown variant "${name}" (known: ${[...BUILTINS.keys()].join(', ')})`);
  return v;
}
