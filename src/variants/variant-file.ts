import { z } from 'zod';
import { LOCK_KINDS } from '../model/locks';
import { BUMP_PATHS, DIOREAD_NOLOCK, LOCK_ORDER_AT_LOAD, LOCK_SITES, MKWRITE_LOOKUPS, READAHEAD_DESIGNS, READAHEAD_LOOKUPS, REGION_PATHS, WRITEBACK_HANDLE } from './variant';

/**
 * The documented variant format, the same for the built-in variants and a
 * user's JSON file:
 *
 *   {
 *     "name": "my-fix",
 *     "description": "ext4-5.15 without inode_dio_wait",
 *     "extends": "ext4-5.15",                 // optional: start from a built-in, or from another file ("base.json")
 *     "newLocks": [{ "name": "my_lock", "kind": "rwsem", "after": "invalidate_lock" }],   // optional
 *     "punch": ["filemap_write_and_wait_range", "inode_lock", ...],
 *     "locks": { "dio.write": ["i_rwsem:exclusive"], "read.create": [] },
 *     "regions": [{ "path": "writeback", "from": "clear_page_dirty_for_io", "to": "end_page_writeback",
 *                   "locks": ["invalidate_lock:shared"] }],   // optional
 *     "dioreadNolock": "on",                  // optional: "off", "on" or "when-block-is-page" (the 5.6+ default)
 *     "writebackHandle": "when-allocating",   // optional: "always" (up to 4.4) or "when-allocating" (5.10+)
 *     "readahead": "batch",                   // optional: "per-page" (up to 5.7) or "batch" (5.8+)
 *     "readaheadLookup": "every-page",        // optional: "reuse-mapped" (the kernel's) or "every-page"
 *     "mkwriteLookup": "every-buffer",        // optional: "unmapped-buffers" (the kernel's) or "every-buffer"
 *     "lockOrderAtLoad": "allow"              // optional: "reject" (the default) or "allow" a lock-order cycle, to run a known-bad fix
 *   }
 *
 * Without "extends", "punch" is required, a site missing from "locks"
 * takes no lock, and the three settings are those of 3.x: "off",
 * "always", "per-page". With it, "punch" replaces the parent's when given, and each
 * site given in "locks" replaces the parent's site.
 */
/** A variant's name, which becomes a directory name: no path separator, and no leading "." or "-" (no "..", no "-rf"). */
export const VARIANT_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

const lockUse = z.string().regex(/^[a-z_][a-z0-9_]*:(shared|exclusive)$/, 'expected "lock:shared" or "lock:exclusive"');

/** A lock of the variant's own: a lower-case C identifier, its kind, and the lock it is taken after. */
const newLock = z.strictObject({
  name: z.string().max(32).regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case C identifier: letters, digits and "_"'),
  kind: z.enum(LOCK_KINDS),
  after: z.string().max(32),
});

export const variantFileSchema = z.strictObject({
  name: z.string().min(1).max(64).regex(VARIANT_NAME, 'letters, digits, ".", "_" and "-" only, not starting with "." or "-"'),
  description: z.string().max(500).optional(),
  /** A built-in's name, or (in a file) another variant file ending in ".json", relative to this one. */
  extends: z.string().min(1).max(255).optional(),
  newLocks: z.array(newLock).max(4).optional(),
  counters: z.array(z.string().max(32).regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case C identifier: letters, digits and "_"')).max(2).optional(),
  bumps: z.array(z.strictObject({ counter: z.string().max(32), path: z.enum(BUMP_PATHS), step: z.string().max(80) })).max(8).optional(),
  rechecks: z.array(z.strictObject({
    counter: z.string().max(32),
    path: z.enum(REGION_PATHS),
    sample: z.string().max(80),
    check: z.string().max(80),
    retry: z.string().max(80),
    retries: z.number().int().min(1).max(3),
  })).max(4).optional(),
  regions: z.array(z.strictObject({
    path: z.enum(REGION_PATHS),
    from: z.string().max(80),
    to: z.string().max(80),
    locks: z.array(lockUse).min(1).max(4),
    after: z.string().max(80).optional(),
  })).max(16).optional(),
  punch: z.array(z.string().max(80)).min(1).max(64).optional(),
  locks: z.partialRecord(z.enum(LOCK_SITES), z.array(lockUse).max(8)).optional(),
  /** true and false, as files before the block-size default said them, are "on" and "off". */
  dioreadNolock: z.union([z.boolean(), z.enum(DIOREAD_NOLOCK)]).optional(),
  writebackHandle: z.enum(WRITEBACK_HANDLE).optional(),
  readahead: z.enum(READAHEAD_DESIGNS).optional(),
  readaheadLookup: z.enum(READAHEAD_LOOKUPS).optional(),
  mkwriteLookup: z.enum(MKWRITE_LOOKUPS).optional(),
  lockOrderAtLoad: z.enum(LOCK_ORDER_AT_LOAD).optional(),
});

export type VariantFile = z.infer<typeof variantFileSchema>;
