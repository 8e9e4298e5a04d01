/**
 * Writes docs/variant-file.schema.json, the JSON Schema of a variant file,
 * generated from the zod schema the loader itself uses
 * (variantFileSchema, src/variants/variant-file.ts), so that an editor
 * checks a variant file as the harness will. Run it after changing the
 * format, and commit the result:
 *
 *   npx tsx scripts/variant-schema.ts
 *
 * (tests/docs/variant-schema.test.ts fails while the committed file is stale.)
 *
 * Two checks the loader makes after zod's are added here from the same
 * constants, since an editor can make them too: a punch step is a known
 * action or a lock step (src/variants/punch-step.ts), and a lock use is
 * "name:shared" or "name:exclusive"; which names are locks (the built-ins
 * and the file's newLocks) only the loader can say. What no
 * schema can say ("extends" names a built-in or a file; "name" is not a built-in's;
 * the locks balance and keep one order)
 * is in the description. docs/variant-format.md explains every field.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BUILTIN_VARIANT_NAMES } from '../src/variants/builtin-variants';
import { LOCK_SITES, LOCK_STEP_ALIASES, PUNCH_ACTIONS } from '../src/variants/variant';
import { variantFileSchema } from '../src/variants/variant-file';

// The committed file by default; another path (a test's) when given.
const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'variant-file.schema.json');

type JsonSchema = { properties: Record<string, Record<string, unknown>> } & Record<string, unknown>;
const schema = z.toJSONSchema(variantFileSchema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;
const p = schema.properties;

/** One line a field, as docs/variant-format.md says it at more length. */
const DESCRIPTIONS: Record<string, string> = {
  name: 'The variant\'s name; it becomes a directory name of its cases (with 8 hex digits of the definition\'s hash). Not a built-in\'s name.',
  description: 'One line saying what the design changes; shown by inspect --html and kept in every case.',
  extends: `A built-in to start from (${BUILTIN_VARIANT_NAMES.join(', ')}), or another variant file ending in ".json", relative to this one. Its punch, locks and settings are inherited; what this file gives replaces them.`,
  newLocks: 'Locks of this variant\'s own (up to 4): a name (not a built-in lock\'s), "rwsem" or "mutex" (exclusive only), and "after", the lock it is taken after in the lock order. Used like a built-in in the punch and at any lock site; the parent\'s are inherited.',
  counters: 'Per-inode sequence counters of the variant\'s own (up to 2), by name: each counts modulo 8, bumped by "bumps" and compared by "rechecks".',
  bumps: 'Steps that bump a counter in the same atomic step: "counter", "path" ("punch" or an operation), "step" (a step name of that path).',
  rechecks: 'Revalidation (XFS\'s iomap_valid): "sample" (a block lookup of "path") keeps the counter; "check" (a later step) compares it before running and, on a change, goes back to "retry" (only block lookups between it and "check"), at most "retries" (1 to 3) times.',
  regions: 'Locks held across any stretch of a path: "path" (an operation beside the punch), "from" and "to" (two steps of its main flow, as a trace names them) and "locks", taken before "from" and released after "to" (and on any jump out). Given, they replace the parent\'s.',
  punch: 'The punch, in order, as the kernel\'s step names: actions, and lock steps down_read(L), down_write(L), up_read(L), up_write(L), mutex_lock(L), mutex_unlock(L) or their aliases. Required without "extends".',
  locks: 'Per lock site, the locks the path takes there, in the order taken, as "lock:shared" or "lock:exclusive"; released in reverse. A site given replaces the parent\'s; a site not given is inherited (without "extends": no lock).',
  dioreadNolock: 'The dioread_nolock mount option: "off", "on", or "when-block-is-page" (the 5.6+ default: on only with one block a page). true and false are read as "on" and "off". Default: the parent\'s, else "off".',
  writebackHandle: 'When writeback takes a journal handle: "always" (up to 4.4) or "when-allocating" (5.10+). Default: the parent\'s, else "always".',
  readahead: 'How readahead fills the page cache: "per-page" (up to 5.7) or "batch" (5.8+). Default: the parent\'s, else "per-page".',
};
for (const [field, text] of Object.entries(DESCRIPTIONS)) p[field] = { description: text, ...p[field] };

(p.punch.items as Record<string, unknown>) = {
  type: 'string',
  anyOf: [
    { enum: [...PUNCH_ACTIONS, ...Object.keys(LOCK_STEP_ALIASES)] },
    // A variant's own locks (newLocks) are names of its choosing: the loader checks each is declared.
    { pattern: '^(down|up)_(read|write)\\([a-z_][a-z0-9_]*\\)$' },
    { pattern: '^mutex_(lock|unlock)\\([a-z_][a-z0-9_]*\\)$' },
  ],
};
(p.locks.additionalProperties as { items: Record<string, unknown> }).items = {
  type: 'string',
  pattern: '^[a-z_][a-z0-9_]*:(shared|exclusive)$',
};
if (JSON.stringify((p.locks.propertyNames as { enum: string[] }).enum) !== JSON.stringify(LOCK_SITES)) {
  throw new Error('the zod schema\'s lock sites are not LOCK_SITES: scripts/variant-schema.ts needs a look');
}

const doc = {
  ...schema,
  title: 'punch-hunt variant file',
  description:
    'A punch-hole design for punch-hunt (--variant-file). Generated by scripts/variant-schema.ts from the loader\'s zod ' +
    'schema (src/variants/variant-file.ts); docs/variant-format.md explains every field. The loader also refuses ' +
    'a lock that is neither a built-in nor declared in newLocks, an "extends" that names no built-in and no file, a chain of files that comes back on itself, a "name" that is a built-in\'s, ' +
    'a punch that does not release what it takes (in the same mode, innermost first) and locks taken in orders that make a cycle. The file may hold no other key ' +
    '(not even "$schema"): associate this schema by file name in your editor instead.',
};
writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
console.log(`wrote ${out}`);
