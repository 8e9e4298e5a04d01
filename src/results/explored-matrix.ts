import { z } from 'zod';
import { CLAIM_NAMES } from '../claims/claim';
import { type Mount, MOUNTS } from '../model/mount';
import { mountField } from './expected-matrix';
import { readResultFile } from './read-result';
import { RESULT_FILES } from './result-files';

export interface ExploredCell {
  readonly variant: string;
  readonly mount: Mount;
  readonly claim: string;
  readonly blocksPerPage: number;
  readonly verdict: 'violated' | 'held' | 'incomplete';
  readonly shortestSteps: number | null;
  readonly case: string | null;
}

/** One claim and geometry as an exploration left it: the verdict, the family's distinct states, and the shortest case if any. */
export const exploredVerdictSchema = z.object({
  claim: z.enum(CLAIM_NAMES),
  blocksPerPage: z.union([z.literal(1), z.literal(2)]),
  verdict: z.enum(['violated', 'held', 'incomplete']),
  states: z.number().int().min(0),
  /** The chance a fingerprint collision hid a state (src/search/engine/fingerprint-set.ts); absent in files from before it was stated. */
  collisionBound: z.number().min(0).max(1).optional(),
  /** For a held cell: why it is vacuous (coverage.ts), or empty; absent in files from before coverage. */
  unreached: z.array(z.string()).optional(),
  shortestSteps: z.number().int().min(0).nullable(),
  case: z.string().nullable(),
});

/** results/explored-matrix.json, written by `npm run matrix`: a verdict per cell, within the bounds it names. */
export const exploredMatrixSchema = z.object({
  generatedBy: z.string(),
  bounds: z.object({ pages: z.number().int(), threads: z.number().int(), mounts: z.array(z.enum(MOUNTS as [Mount, ...Mount[]])), maxStates: z.number().int() }),
  cells: z.array(exploredVerdictSchema.extend({ variant: z.string(), mount: mountField })),
});

export type ExploredMatrix = z.infer<typeof exploredMatrixSchema>;

/** The explored matrix, validated: a file that does not fit is an error naming the file and the field. */
export function readExploredMatrix(file: string = RESULT_FILES.exploredMatrix): ExploredMatrix {
  return readResultFile(file, exploredMatrixSchema);
}
