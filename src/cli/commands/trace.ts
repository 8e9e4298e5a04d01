import pc from 'picocolors';
import { CLAIM_NAMES, type ClaimName } from '../../claims/claim';
import { loadCase } from '../../cases/load-case';
import { readJsonInput } from '../../files/input-file';
import { runFileSchema } from '../../run/run-file';
import { runScenario } from '../../run/run-scenario';
import type { RunResult } from '../../run/runner';
import { parseScenario, type Scenario } from '../../run/scenario';
import { resolveVariant } from '../../variants/resolve-variant';
import type { Variant } from '../../variants/variant';
import type { Command } from '../command';
import { list, parseOptions } from '../options';
import { asUserError, UserError } from '../../files/user-error';

const USAGE = 'usage: npx punch-hunt trace FILE [--claim NAME[,NAME]] [--json] [--strict]';

export interface TracePlan {
  readonly file: string;
  readonly scenario: Scenario;
  readonly schedule: readonly number[];
  readonly variant: Variant | undefined;
  readonly claims: readonly ClaimName[];
  readonly strict: boolean;
  readonly json: boolean;
}

/**
 * `npm run trace -- FILE`: run the scenario and schedule of a run file (or
 * of a shrunk case, exactly) and print every step (thread, step name, what
 * changed) and the verdict.
 */
export const traceCommand: Command<TracePlan> = {
  name: 'trace',
  help: {
    summary: 'run a scenario and schedule (a run file or a case) and print every step and what it changed',
    usage: 'npx punch-hunt trace FILE [options]   (alias: npm run trace -- FILE [options])',
    options: { json: 'the steps as JSON', strict: 'a scheduled thread that cannot move is an error', claim: 'claims to check, comma-separated (default: all)' },
    example: 'npx punch-hunt trace examples/jan-kara-race.json',
  },
  parse(argv) {
    const { values, positionals } = parseOptions(argv, {
      json: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false }, claim: { type: 'string' },
    }, true);
    if (positionals.length !== 1) throw new UserError('(arguments)', 'FILE', USAGE);
    const file = positionals[0];
    const chosen = values.claim === undefined ? undefined : list(values.claim, CLAIM_NAMES, '--claim');
    const raw = readJsonInput(file);
    if (typeof raw === 'object' && raw !== null && 'format' in raw) {
      // A shrunk case: its scenario and schedule, run exactly.
      const c = loadCase(file);
      return { file, scenario: c.scenario, schedule: c.data.schedule, variant: c.variant, claims: chosen ?? [c.data.claim], strict: true, json: values.json };
    }
    const parsed = runFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError(file, issue.path.join('.') || '(root)', issue.message);
    }
    try {
      const scenario = parseScenario(parsed.data.scenario);
      const variant = parsed.data.variant === undefined ? undefined : resolveVariant(parsed.data.variant);
      return { file, scenario, schedule: parsed.data.schedule, variant, claims: chosen ?? [...CLAIM_NAMES], strict: values.strict, json: values.json };
    } catch (e) {
      throw asUserError(e, file);
    }
  },
  run(p) {
    let result: RunResult;
    try {
      result = runScenario(p.scenario, p.schedule, { trace: true, strict: p.strict, claims: p.claims, variant: p.variant });
    } catch (e) {
      throw asUserError(e, p.file);
    }
    if (p.json) {
      process.stdout.write(`${JSON.stringify({ trace: result.trace, violation: result.violation, finished: result.finished }, null, 1)}\n`);
      return;
    }
    printTrace(result);
  },
};

function printTrace(r: RunResult): void {
  const width = Math.max(...r.trace.map((e) => `T${e.thread} ${e.op}`.length), 8);
  for (const e of r.trace) {
    const bad = r.violation?.step === e.step;
    const head = `${String(e.step).padStart(3)}  ${`T${e.thread} ${e.op}`.padEnd(width)}  ${e.name.padEnd(32)}`;
    const line = `${head} ${e.changes.join('; ')}`;
    process.stdout.write(`${bad ? pc.red(line) : line}\n`);
  }
  if (r.violation) {
    process.stdout.write(pc.red(`\nviolated ${r.violation.claim} at step ${r.violation.step}: ${r.violation.message}\n`));
  } else {
    process.stdout.write(pc.green(`\nno claim violated${r.finished ? '; every thread finished' : ''}\n`));
  }
}
