import { z } from 'zod';
import { type Mount, MOUNTS } from '../model/mount';
import { exploredVerdictSchema } from './explored-matrix';
import { readResultFile } from './read-result';
import { RESULT_FILES } from './result-files';

/** One mutant's cells: its verdict per claim and geometry, within the table's bounds. */
export const mutantResultSchema = z.object({
  name: z.string(),
  change: z.string(),
  /** The mutant as a variant file (variant-to-file.ts), or null for a mutant of the model's code. */
  variant: z.unknown().nullable(),
  cells: z.array(exploredVerdictSchema),
});

/** results/mutants.json, written by `npm run mutants`. */
export const mutantsTableSchema = z.object({
  generatedBy: z.string(),
  bounds: z.object({ threads: z.number().int(), pages: z.number().int(), mount: z.enum(MOUNTS as [Mount, ...Mount[]]), maxStates: z.number().int() }),
  mutants: z.array(mutantResultSchema),
});

export type MutantResult = z.infer<typeof mutantResultSchema>;
export type MutantsTable = z.infer<typeof mutantsTableSchema>;

/** The mutants table, validated: a file that does not fit is an error naming the file and the field. */
export function readMutantsTable(file: string = RESULT_FILES.mutantsTable): MutantsTable {
  return readResultFile(file, mutantsTableSchema);
}
