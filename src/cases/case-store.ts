import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson } from './case-id';
import type { ShrunkCase } from './case-format';

export type SaveOutcome = 'written' | 'exists' | 'conflict';

let tempCounter = 0;

/** shrunk-cases/<variant>/<claim>/<id>.json, the variant being its name. */
export function casePath(dir: string, c: ShrunkCase): string {
  const variantName = typeof c.variant === 'string' ? c.variant : String(c.variant.name);
  return join(dir, variantName, c.claim, `${c.id}.json`);
}

/**
 * Save a case atomically: write a temporary file beside it, then link it
 * into place, which fails if the name is taken, so concurrent writers never
 * tear a file and never replace one (a rename would, silently). The same
 * case saved twice is one file ('exists'); a file already there with a
 * different race under the same id, a hash collision or a hand edit, is
 * never overwritten ('conflict').
 */
export function saveCase(dir: string, c: ShrunkCase): SaveOutcome {
  const path = casePath(dir, c);
  if (existsSync(path)) return sameRace(path, c) ? 'exists' : 'conflict';
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${tempCounter++}.tmp`;
  writeFileSync(temp, `${JSON.stringify(c, null, 1)}\n`);
  try {
    linkSync(temp, path);
    return 'written';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another writer got there between our check and our link.
    return sameRace(path, c) ? 'exists' : 'conflict';
  } finally {
    unlinkSync(temp);
  }
}

function sameRace(path: string, c: ShrunkCase): boolean {
  try {
    const old = JSON.parse(readFileSync(path, 'utf8')) as ShrunkCase;
    const key = (x: ShrunkCase) => canonicalJson({ variant: x.variant, claim: x.claim, scenario: x.scenario, schedule: x.schedule });
    return key(old) === key(c);
  } catch {
    return false;
  }
}
