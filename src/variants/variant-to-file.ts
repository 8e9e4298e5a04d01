import { LOCK_SITES, type Variant } from './variant';
import type { VariantFile } from './variant-file';

/** A resolved variant written back in the file format, complete (no "extends"), for a case file. */
export function variantToFile(v: Variant): VariantFile {
  return {
    name: v.name,
    description: v.description,
    punch: [...v.punch],
    locks: Object.fromEntries(LOCK_SITES.map((site) => [site, v.locks[site].map((u) => `${u.lock}:${u.mode}`)])),
    dioreadNolock: v.dioreadNolock,
    writebackHandle: v.writebackHandle,
    readahead: v.readahead,
  };
}
