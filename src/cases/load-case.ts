import { UserError, asUserError } from '../cli/user-error';
import { readJsonFile } from '../cli/read-json-file';
import { parseScenario, type Scenario } from '../run/scenario';
import { builtinVariant, resolveVariant } from '../variants/resolve-variant';
import type { Variant } from '../variants/variant';
import { caseSchema, type ShrunkCase } from './case-format';

export interface LoadedCase {
  readonly file: string;
  readonly data: ShrunkCase;
  readonly scenario: Scenario;
  readonly variant: Variant;
}

/** Read and validate a case file; every problem is a UserError naming the file and the field. */
export function loadCase(file: string): LoadedCase {
  const parsed = caseSchema.safeParse(readJsonFile(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(file, issue.path.join('.') || '(root)', issue.message);
  }
  const data = parsed.data;
  try {
    const scenario = parseScenario(data.scenario);
    const variant = typeof data.variant === 'string' ? builtinVariant(data.variant) : resolveVariant(data.variant);
    const threads = scenario.threads.length + 1;
    const bad = data.schedule.findIndex((t) => t >= threads);
    if (bad >= 0) throw new UserError(file, `schedule.${bad}`, `thread ${data.schedule[bad]} does not exist (threads 0..${threads - 1})`);
    return { file, data, scenario, variant };
  } catch (e) {
    throw asUserError(e, file);
  }
}
