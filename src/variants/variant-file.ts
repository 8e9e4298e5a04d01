import { z } from 'zod';
import { LOCK_SITES } from './variant';

/**
 * The documented variant format, the same for the built-in variants and a
 * user's JSON file:
 *
 *   {
 *     "name": "my-fix",
 *     "description": "ext4-5.15 without inode_dio_wait",
 *     "extends": "ext4-5.15",                 // optional: start from a built-in
 *     "punch": ["filemap_write_and_wait_range", "inode_lock", ...],
 *     "locks": { "dio.write": ["i_rwsem:exclusive"], "read.create": [] },
 *     "dioreadNolock": true                   // optional: writeback allocates unwritten extents
 *   }
 *
 * Without "extends", "punch" is required and a site missing from "locks"
 * takes no lock. With it, "punch" replaces the parent's when given, and each
 * site given in "locks" replaces the parent's site.
 */
/** A variant's name, which becomes a directory name: no path separator, and no leading "." or "-" (no "..", no "-rf"). */
export const VARIANT_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

const lockUse = z.string().regex(/^[a-z_]+:(shared|exclusive)$/, 'expected "lock:shared" or "lock:exclusive"');

export const variantFileSchema = z.strictObject({
  name: z.string().min(1).max(64).regex(VARIANT_NAME, 'letters, digits, ".", "_" and "-" only, not starting with "." or "-"'),
  description: z.string().max(500).optional(),
  extends: z.string().max(64).optional(),
  punch: z.array(z.string().max(80)).min(1).max(64).optional(),
  locks: z.partialRecord(z.enum(LOCK_SITES), z.array(lockUse).max(8)).optional(),
  dioreadNolock: z.boolean().optional(),
});

export type VariantFile = z.infer<typeof variantFileSchema>;
