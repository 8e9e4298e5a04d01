import { readFileSync } from 'node:fs';
import { resolveVariant, VariantError } from './resolve-variant';
import type { Variant } from './variant';

/** A user's variant file, validated. Errors name the file and the field, in one line. */
export class VariantFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
  }
}

export function loadVariantFile(file: string): Variant {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new VariantFileError(file, '(file)', (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new VariantFileError(file, '(json)', 'not valid JSON');
  }
  try {
    return resolveVariant(raw);
  } catch (e) {
    if (e instanceof VariantError) throw new VariantFileError(file, e.field, e.problem);
    throw e;
  }
}
