import { UserError } from '../files/user-error';
import { readJsonInput } from '../files/input-file';
import { resolveVariant, VariantError } from './resolve-variant';
import type { Variant } from './variant';

/** A user's variant file, validated. Errors are UserErrors naming the file and the field, in one line. */
export function loadVariantFile(file: string): Variant {
  const raw = readJsonInput(file);
  try {
    return resolveVariant(raw);
  } catch (e) {
    if (e instanceof VariantError) throw new UserError(file, e.field, e.problem);
    throw e;
  }
}
