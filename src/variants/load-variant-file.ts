import { dirname, relative, resolve } from 'node:path';
import { UserError } from '../files/user-error';
import { readJsonInput } from '../files/input-file';
import { variantProblem } from './check-variant';
import { resolveVariant, VariantError } from './resolve-variant';
import type { Variant } from './variant';

/**
 * A user's variant file, validated and checked (check-variant.ts). Its
 * "extends" may name another variant file, relative to this one's
 * directory; a chain of files that comes back to one of them is an error.
 * Errors are UserErrors naming the file (the parent's, for a problem in
 * the parent) and the field, in one line. `checked` false skips the checks
 * of check-variant.ts (not the schema's): for the mutants, which break
 * them on purpose (explore --load-checks off).
 */
export function loadVariantFile(file: string, chain: readonly string[] = [], checked = true): Variant {
  const raw = readJsonInput(file);
  const here = resolve(file);
  const parentFile = (name: string): Variant => {
    const parent = resolve(dirname(here), name);
    if (parent === here || chain.includes(parent)) {
      throw new VariantError('extends', `"${name}" leads back to a file of the chain: ${[...chain, here, parent].map((f) => relative('.', f) || f).join(' -> ')}`);
    }
    return loadVariantFile(parent, [...chain, here], checked);
  };
  try {
    const v = resolveVariant(raw, parentFile);
    const problem = checked ? variantProblem(v, (field) => givenByFile(raw, field)) : null;
    if (problem !== null) throw problem;
    return v;
  } catch (e) {
    if (e instanceof VariantError) throw new UserError(file, e.field, e.problem);
    throw e;
  }
}

/** Whether the file itself gave `field` ("punch.3", "locks.write.0", "regions.1.locks.0"), rather than inheriting it with "extends". */
function givenByFile(raw: unknown, field: string): boolean {
  const file = raw as { punch?: unknown; locks?: Record<string, unknown>; regions?: unknown };
  if (field.startsWith('punch.')) return file.punch !== undefined;
  if (field.startsWith('regions.')) return file.regions !== undefined;
  const site = /^locks\.(.+)\.\d+$/.exec(field)?.[1];
  return site !== undefined && file.locks?.[site] !== undefined;
}
