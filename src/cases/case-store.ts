import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { readInputText } from '../files/input-file';
import { subdirInside } from '../files/output-dir';
import { cleanStaleTemps, linkIntoPlace, removeQuietly, writeTemp } from '../files/output-file';
import { caseSchema, type ShrunkCase } from './case-format';
import { canonicalJson, caseId } from './case-id';

/**
 * written: a new file; exists: the same race was already saved there;
 * conflict: a different, valid case holds that name (a hash collision or a
 * hand edit); corrupt: the file there is not a readable case. In the last
 * two the file is left exactly as it was.
 */
/** The committed regression corpus: curated cases only, written by the maintenance commands (matrix, mutants, discover) or by a user's `--out shrunk-cases`. */
export const CORPUS_DIR = 'shrunk-cases';

/** Where hunt and explore put the cases they find unless told otherwise: git-ignored, never the corpus. */
export const DEFAULT_CASES_DIR = 'out/cases';

export type SaveOutcome = 'written' | 'exists' | 'conflict' | 'corrupt';

/**
 * The case's directory under the corpus: a built-in variant's name, or for a
 * user's variant its name and 8 hex digits of its definition's hash, since
 * two definitions (two versions of one fix) may share a name and must not
 * share a directory.
 */
export function variantDirName(variant: ShrunkCase['variant']): string {
  if (typeof variant === 'string') return variant;
  return `${String(variant.name)}@${caseId({ variant, claim: '', scenario: null, schedule: [] }).slice(0, 8)}`;
}

/** <dir>/<variant>/<claim>/<id>.json */
export function casePath(dir: string, c: ShrunkCase): string {
  return join(dir, variantDirName(c.variant), c.claim, `${c.id}.json`);
}

/**
 * Save a case atomically: write a temporary file beside it, then link it
 * into place, which fails if the name is taken, so concurrent writers never
 * tear a file and never replace one (a rename would, silently). The case's
 * directory must resolve inside `dir` (a symbolic link cannot lead it
 * elsewhere). Failures to write throw a UserError naming the file.
 */
export function saveCase(dir: string, c: ShrunkCase): SaveOutcome {
  const folder = subdirInside(dir, join(dir, variantDirName(c.variant), c.claim));
  const target = join(folder, `${c.id}.json`);
  cleanStaleTemps(folder);
  const before = compare(target, c);
  if (before !== null) return before;
  const temp = writeTemp(target, `${JSON.stringify(c, null, 1)}\n`);
  try {
    // Another writer may get there between our look and our link.
    return linkIntoPlace(temp, target) === 'written' ? 'written' : (compare(target, c) ?? 'corrupt');
  } finally {
    removeQuietly(temp);
  }
}

/** What is at `path` now, against `c`: null when nothing is. */
function compare(path: string, c: ShrunkCase): Exclude<SaveOutcome, 'written'> | null {
  try {
    lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
  }
  let text: string;
  try {
    text = readInputText(path); // refuses a FIFO or device planted under the name
  } catch {
    return 'corrupt';
  }
  let old: ShrunkCase;
  try {
    old = caseSchema.parse(JSON.parse(text));
  } catch {
    return 'corrupt';
  }
  const key = (x: ShrunkCase) => canonicalJson({ variant: x.variant, claim: x.claim, scenario: x.scenario, schedule: x.schedule });
  return key(old) === key(c) ? 'exists' : 'conflict';
}

/** The words for an outcome, as the commands print it. */
export function saveOutcomeWords(o: SaveOutcome): string {
  return {
    written: 'new',
    exists: 'already saved',
    conflict: 'NOT saved: a different case has this name',
    corrupt: 'NOT saved: the file there is not a readable case (left as it is)',
  }[o];
}
