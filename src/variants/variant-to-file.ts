import { LOCK_SITES, type Variant } from './variant';
import type { VariantFile } from './variant-file';

/** A resolved variant written back in the file format, complete (no "extends"), for a case file. */
export function variantToFile(v: Variant): VariantFile {
  return {
    name: v.name,
    description: v.description,
    // Only when there are some: a file without them keeps the hash (the case directory's name) it had before they existed.
    ...(v.newLocks.length > 0 ? { newLocks: v.newLocks.map((l) => ({ ...l })) } : {}),
    punch: [...v.punch],
    ...(v.counters.length > 0 ? { counters: [...v.counters], bumps: v.bumps.map((b) => ({ ...b })), rechecks: v.rechecks.map((r) => ({ ...r })) } : {}),
    ...(v.regions.length > 0 ? { regions: v.regions.map((r) => ({ ...r, locks: r.locks.map((u) => `${u.lock}:${u.mode}`) })) } : {}),
    locks: Object.fromEntries(LOCK_SITES.map((site) => [site, v.locks[site].map((u) => `${u.lock}:${u.mode}`)])),
    dioreadNolock: v.dioreadNolock,
    writebackHandle: v.writebackHandle,
    readahead: v.readahead,
    // The kernel's lookups are said by leaving these out, so that the files of every earlier case keep their hash.
    ...(v.readaheadLookup !== 'reuse-mapped' ? { readaheadLookup: v.readaheadLookup } : {}),
    ...(v.mkwriteLookup !== 'unmapped-buffers' ? { mkwriteLookup: v.mkwriteLookup } : {}),
    ...(v.lockOrderAtLoad !== 'reject' ? { lockOrderAtLoad: v.lockOrderAtLoad } : {}),
  };
}
