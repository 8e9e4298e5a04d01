import { asRegions } from './as-regions';
import { builtinVariant } from './resolve-variant';
import type { VariantFile } from './variant-file';
import { variantToFile } from './variant-to-file';

/** A built-in era as a variant file of regions alone (examples/eras, scripts/era-files.ts): its sites as regions, no "locks". */
export function eraFile(era: string): VariantFile {
  const v = asRegions(builtinVariant(era));
  const { locks: _sites, ...file } = variantToFile(v);
  return { ...file, description: `${era} with its lock sites written as regions. ${v.description}` };
}
