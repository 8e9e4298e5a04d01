import { UserError, asUserError } from '../files/user-error';
import { readJsonInput } from '../files/input-file';
import { parseScenario, type Scenario, threadCount } from '../run/scenario';
import { builtinVariant, resolveVariant } from '../variants/resolve-variant';
import type { Variant } from '../variants/variant';
import { caseSchema, type ShrunkCase } from './case-format';
import { caseId } from './case-id';

export interface LoadedCase {
  readonly file: string;
  readonly data: ShrunkCase;
  readonly scenario: Scenario;
  readonly variant: Variant;
}

/**
 * Read and validate a case file; every problem is a UserError naming the
 * file and the field. Beyond the format: every thread the schedule names
 * exists, the scenario names the case's variant, and the id is the hash of
 * what it identifies (variant, claim, scenario, schedule), so a file whose
 * race was edited cannot pass for the case it names.
 */
export function loadCase(file: string): LoadedCase {
  const parsed = caseSchema.safeParse(readJsonInput(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(file, issue.path.join('.') || '(root)', issue.message);
  }
  const data = parsed.data;
  try {
    const scenario = parseScenario(data.scenario);
    const variant = typeof data.variant === 'string' ? builtinVariant(data.variant) : resolveVariant(data.variant);
    const threads = threadCount(scenario);
    const bad = data.schedule.findIndex((t) => t >= threads);
    if (bad >= 0) throw new UserError(file, `schedule.${bad}`, `thread ${data.schedule[bad]} does not exist (threads 0..${threads - 1})`);
    if (scenario.variant !== variant.name) {
      throw new UserError(file, 'scenario.variant', `"${scenario.variant}" is not the case's variant "${variant.name}"`);
    }
    const id = caseId({ variant: data.variant, claim: data.claim, scenario: data.scenario, schedule: data.schedule });
    if (id !== data.id) throw new UserError(file, 'id', `${data.id} is not the hash of the case's variant, claim, scenario and schedule (${id})`);
    return { file, data, scenario, variant };
  } catch (e) {
    throw asUserError(e, file);
  }
}
