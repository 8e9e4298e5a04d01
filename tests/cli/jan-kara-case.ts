import { readFileSync } from 'node:fs';
import { casePath, saveCase } from '../../src/cases/case-store';
import { makeCase } from '../../src/cases/make-case';
import { parseScenario } from '../../src/run/scenario';
import { builtinVariant } from '../../src/variants/resolve-variant';
import type { ClaimName } from '../../src/claims/claim';
import { scratch } from './hostile-world';

/**
 * Jan Kara's race on ext4-3.11 (examples/jan-kara-race.json, the 2013
 * thread) as a shrunk case, written once per test process into a temporary
 * corpus: the command tests read a case whose every step they know, without
 * depending on which cases the committed corpus holds.
 */
const made = new Map<ClaimName, string>();

/** The race's case for `claim`, made and saved once per test process. */
function caseOfTheRace(claim: ClaimName): string {
  const there = made.get(claim);
  if (there !== undefined) return there;
  const run = JSON.parse(readFileSync('examples/jan-kara-race.json', 'utf8')) as { scenario: unknown; schedule: number[] };
  const scenario = parseScenario(run.scenario);
  const c = makeCase(builtinVariant(scenario.variant), claim, scenario, run.schedule, {
    strategy: 'hand', seed: null, path: null, runs: null, msToFirstFailure: null, stepsBeforeShrinking: null, shortestSteps: null,
  });
  if (c === null) throw new Error(`examples/jan-kara-race.json no longer breaks ${claim}`);
  const dir = scratch(`jan-kara-${claim}`);
  saveCase(dir, c);
  made.set(claim, casePath(dir, c));
  return casePath(dir, c);
}

export function janKaraCaseFile(): string {
  return caseOfTheRace('bar-never-overwritten-by-foo');
}

/** Another case of the same race: the claim it breaks first, no-page-maps-freed-block (RM frees the blocks page 0 maps). */
export function otherCaseFile(): string {
  return caseOfTheRace('no-page-maps-freed-block');
}
