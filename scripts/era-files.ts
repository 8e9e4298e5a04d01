/**
 * Writes examples/eras/<era>.json: each built-in era in the variant-file
 * format with lock regions in place of the named sites (asRegions,
 * src/variants/as-regions.ts), complete, without "extends". Run it after
 * changing an era or a site's range, and commit the result:
 *
 *   npx tsx scripts/era-files.ts
 *
 * (tests/variants/sites-as-regions.test.ts fails while a committed file is
 * stale, and shows each file judging as its era does.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eraFile } from '../src/variants/era-file';
import { BUILTIN_VARIANT_NAMES } from '../src/variants/builtin-variants';

const dir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'eras');
mkdirSync(dir, { recursive: true });
for (const era of BUILTIN_VARIANT_NAMES) writeFileSync(join(dir, `${era}.json`), `${JSON.stringify(eraFile(era), null, 2)}\n`);
