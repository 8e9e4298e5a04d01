import _ from 'lodash';
import type { ClaimName } from '../claims/claim';
import { runScenario } from '../run/run-scenario';
import type { Scenario } from '../run/scenario';
import { BUILTIN_VARIANT_NAMES } from '../variants/builtin-variants';
import { builtinVariant } from '../variants/resolve-variant';
import type { Variant } from '../variants/variant';
import { variantToFile } from '../variants/variant-to-file';
import { caseId } from './case-id';
import { CASE_FORMAT, type CaseOrigin, type ShrunkCase } from './case-format';

/**
 * Build the case for a schedule that breaks `claim`: replays it strictly with
 * the trace on. Returns null if the schedule does not break the claim.
 */
export function makeCase(
  variant: Variant, claim: ClaimName, scenario: Scenario, schedule: readonly number[], origin: Omit<CaseOrigin, 'stepsAfterShrinking'>,
): ShrunkCase | null {
  // A case names its variant twice (loadCase checks that they agree): a scenario of another variant is a harness bug.
  if (scenario.variant !== variant.name) throw new Error(`makeCase: scenario of ${scenario.variant} for variant ${variant.name}`);
  const r = runScenario(scenario, schedule, { variant, claims: [claim], strict: true, trace: true });
  if (r.violation === null) return null;
  // Equal in content, not identity: a variant that crossed a process boundary is a copy.
  const builtin = BUILTIN_VARIANT_NAMES.includes(variant.name) && _.isEqual(builtinVariant(variant.name), variant);
  const variantField = builtin ? variant.name : variantToFile(variant);
  const key = { variant: variantField, claim, scenario, schedule: r.schedule };
  return {
    format: CASE_FORMAT,
    id: caseId(key),
    ...key,
    trace: r.trace.map((e) => ({ ...e, changes: [...e.changes] })),
    violation: { ...r.violation },
    origin: { ...origin, stepsAfterShrinking: r.schedule.length },
  };
}
