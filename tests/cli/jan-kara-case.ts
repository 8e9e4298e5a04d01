import { readFileSync } from 'node:fs';
import { casePath, saveCase } from '../../src/cases/case-store';
import { makeCase } from '../../src/cases/make-case';
import { parseScenario } from '../../src/run/scenario';
import { builtinVariant } from '../../src/variants/resolve-variant';
import { scratch } from './hostile-world';

/**
 * Jan Kara's race on ext4-3.11 (examples/jan-kara-race.json, the 2013
 * thread) as a shrunk case, written once per test process into a temporary
 * corpus: the command tests read a case whose every step they know, without
 * depending on which cases the committed corpus holds.
 */
let made: string | null = null;

export function janKaraCaseFile(): string {
  if (made !== null) return made;
  const run = JSON.parse(readFileSync('examples/jan-kara-race.json', 'utf8')) as { scenario: unknown; schedule: number[] };
  const scenario = parseScenario(run.scenario);
  const c = makeCase(builtinVariant(scenario.variant), 'bar-never-overwritten-by-foo', scenario, run.schedule, {
    strategy: 'hand', seed: null, path: null, runs: null, msToFirstFailure: null, stepsBeforeShrinking: null, shortestSteps: null,
  });
  if (c === null) throw new Error('examples/jan-kara-race.json no longer breaks bar-never-overwritten-by-foo');
  const dir = scratch('jan-kara');
  saveCase(dir, c);
  made = casePath(dir, c);
  return made;
}

let other: string | null = null;

/** Another case of the same race: the claim it breaks first, no-page-maps-freed-block (RM frees the blocks page 0 maps). */
export function otherCaseFile(): string {
  if (other !== null) return other;
  const run = JSON.parse(readFileSync('examples/jan-kara-race.json', 'utf8')) as { scenario: unknown; schedule: number[] };
  const scenario = parseScenario(run.scenario);
  const c = makeCase(builtinVariant(scenario.variant), 'no-page-maps-freed-block', scenario, run.schedule, {
    strategy: 'hand', seed: null, path: null, runs: null, msToFirstFailure: null, stepsBeforeShrinking: null, shortestSteps: null,
  });
  if (c === null) throw new Error('examples/jan-kara-race.json no longer breaks no-page-maps-freed-block');
  const dir = scratch('jan-kara-other');
  saveCase(dir, c);
  other = casePath(dir, c);
  return other;
}
