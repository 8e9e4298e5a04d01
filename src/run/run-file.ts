import { z } from 'zod';

/**
 * A run file: a scenario, a schedule (the thread that takes each step), and
 * optionally the full definition of the variant when it is not a built-in
 * (the variant format of src/variants/variant-file.ts).
 */
export const runFileSchema = z.strictObject({
  scenario: z.unknown(),
  schedule: z.array(z.number().int().min(0).max(64)).max(100_000),
  variant: z.unknown().optional(),
});
export type RunFile = z.infer<typeof runFileSchema>;
