/**
 * One of the parallel writers of parallel-writers.test.ts: saves, into one
 * directory shared with the other writers, 20 cases every writer saves, 20
 * of its own, and one that claims a shared case's id with other content.
 * Prints the outcome of each save as JSON.
 */
import { caseId } from '../../src/cases/case-id';
import type { ShrunkCase } from '../../src/cases/case-format';
import { saveCase } from '../../src/cases/case-store';

const [dir, who, templateJson] = process.argv.slice(2);
const template = JSON.parse(templateJson) as ShrunkCase;

function variantOf(extra: number[]): ShrunkCase {
  const schedule = [...template.schedule, ...extra];
  return { ...template, schedule, id: caseId({ variant: template.variant, claim: template.claim, scenario: template.scenario, schedule }) };
}

const outcomes: Record<string, string> = {};
for (let k = 0; k < 20; k++) {
  const shared = variantOf([k]);
  outcomes[`shared-${k}`] = saveCase(dir, shared);
  const own = variantOf([10 + Number(who), k]);
  outcomes[`own-${who}-${k}`] = saveCase(dir, own);
}
// A different race under shared-0's id: a collision, or a hand edit.
const impostor = { ...variantOf([0]), schedule: [...template.schedule, 0, Number(who)] };
outcomes.impostor = saveCase(dir, impostor);
process.stdout.write(JSON.stringify(outcomes));
