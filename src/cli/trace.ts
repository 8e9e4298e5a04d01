import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { CLAIM_NAMES, type ClaimName, isClaimName } from '../claims/claim';
import { loadCase } from '../cases/load-case';
import { runFileSchema } from '../run/run-file';
import { runScenario } from '../run/run-scenario';
import type { RunResult } from '../run/runner';
import { parseScenario } from '../run/scenario';
import { resolveVariant } from '../variants/resolve-variant';
import { readJsonFile } from './read-json-file';
import { asUserError, runCli, UserError } from './user-error';

const USAGE = 'usage: npm run trace -- FILE [--claim NAME[,NAME]] [--json] [--strict]';

/**
 * `npm run trace -- FILE`: run the scenario and schedule of a run file (or
 * of a shrunk case) and print every step (thread, step name, what changed)
 * and the verdict.
 */
void runCli('trace', () => {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      claim: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UserError('(arguments)', 'FILE', USAGE);
  const file = positionals[0];
  const chosen = values.claim === undefined ? undefined : parseClaims(values.claim);
  const raw = readJsonFile(file);
  let result: RunResult;
  if (typeof raw === 'object' && raw !== null && 'format' in raw) {
    // A shrunk case: run its scenario and schedule exactly.
    const c = loadCase(file);
    result = runScenario(c.scenario, c.data.schedule, { trace: true, strict: true, claims: chosen ?? [c.data.claim], variant: c.variant });
  } else {
    const parsed = runFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError(file, issue.path.join('.') || '(root)', issue.message);
    }
    try {
      const scenario = parseScenario(parsed.data.scenario);
      const variant = parsed.data.variant === undefined ? undefined : resolveVariant(parsed.data.variant);
      result = runScenario(scenario, parsed.data.schedule, { trace: true, strict: values.strict, claims: chosen ?? [...CLAIM_NAMES], variant });
    } catch (e) {
      throw asUserError(e, file);
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ trace: result.trace, violation: result.violation, finished: result.finished }, null, 1)}\n`);
    return;
  }
  printTrace(result);
});

function parseClaims(list: string): ClaimName[] {
  return list.split(',').map((name) => {
    if (!isClaimName(name)) throw new UserError('(arguments)', '--claim', `unknown claim "${name}" (known: ${CLAIM_NAMES.join(', ')})`);
    return name;
  });
}

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
