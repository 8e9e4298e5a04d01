import { z } from 'zod';
import { CLAIM_NAMES } from '../claims/claim';
import { HUNT_STRATEGIES } from '../schedulers/scheduler';

/**
 * A shrunk case, as written to shrunk-cases/<variant>/<claim>/<id>.json:
 *
 * - format: 1
 * - id: 12 hex digits of the SHA-256 of variant, claim, scenario and schedule,
 *   so the same case found twice is one file
 * - variant: a built-in variant's name, or a user variant's full definition
 * - claim, scenario (see run/scenario.ts), schedule (the thread of each step)
 * - trace: what each step did; violation: the claim's failure at the last step
 * - origin: how it was found (strategy or "explorer", the fast-check seed and
 *   path, runs and milliseconds to the first failure, steps before and after
 *   shrinking, and the shortest length the breadth-first polish found)
 */
export const CASE_FORMAT = 1;

const traceEvent = z.strictObject({
  step: z.number().int().min(1),
  thread: z.number().int().min(0),
  op: z.string().max(32),
  name: z.string().max(64),
  changes: z.array(z.string().max(500)).max(200),
});

export const caseSchema = z.strictObject({
  format: z.literal(CASE_FORMAT, { error: `unknown format version (this harness reads format ${CASE_FORMAT})` }),
  id: z.string().regex(/^[0-9a-f]{12}$/, 'expected 12 hex digits'),
  variant: z.union([z.string().min(1).max(64), z.record(z.string(), z.unknown())]),
  claim: z.enum(CLAIM_NAMES, { error: `unknown claim (known: ${CLAIM_NAMES.join(', ')})` }),
  scenario: z.unknown(),
  schedule: z.array(z.number().int().min(0).max(64)).max(10_000),
  trace: z.array(traceEvent).max(10_000),
  violation: z.strictObject({
    claim: z.enum(CLAIM_NAMES),
    step: z.number().int().min(0),
    thread: z.number().int().min(0).nullable(),
    stepName: z.string().max(64).nullable(),
    message: z.string().max(1000),
  }),
  origin: z.strictObject({
    strategy: z.enum([...HUNT_STRATEGIES, 'explorer', 'hand']),
    seed: z.number().int().nullable(),
    path: z.string().max(10_000).nullable(),
    runs: z.number().int().min(0).nullable(),
    msToFirstFailure: z.number().min(0).nullable(),
    stepsBeforeShrinking: z.number().int().min(0).nullable(),
    stepsAfterShrinking: z.number().int().min(0),
    shortestSteps: z.number().int().min(0).nullable(),
  }),
});

export type ShrunkCase = z.infer<typeof caseSchema>;
export type CaseOrigin = ShrunkCase['origin'];
