import { z } from 'zod';
import { CLAIM_NAMES } from '../claims/claim';
import { HUNT_STRATEGIES } from '../schedulers/scheduler';

/**
 * The discovered variant x claim x geometry matrix the properties compare
 * against (properties/expected-matrix.json). A cell is `violated` when the
 * hunt found a counterexample, with the strategy and seed that found it
 * fastest, the runs it took, and the shortest length for the shrunk
 * scenario; `not-found` when no strategy did within the budget (which is not
 * a proof: the exhaustive explorer is what can say `held`).
 */
export const matrixCellSchema = z.strictObject({
  variant: z.string(),
  claim: z.enum(CLAIM_NAMES),
  blocksPerPage: z.union([z.literal(1), z.literal(2)]),
  verdict: z.enum(['violated', 'not-found']),
  /** 'hand': the hunt missed it; the case came from a hand-picked scenario searched breadth-first (examples/hand-cases.ts). */
  strategy: z.enum([...HUNT_STRATEGIES, 'hand']).nullable(),
  seed: z.number().int().nullable(),
  runs: z.number().int().min(0),
  steps: z.number().int().min(0).nullable(),
  case: z.string().nullable(),
});

export const expectedMatrixSchema = z.strictObject({
  generatedBy: z.string(),
  budget: z.strictObject({ schedulerRuns: z.number().int(), exhaustiveRuns: z.number().int(), exhaustiveStates: z.number().int(), seeds: z.array(z.number().int()) }),
  cells: z.array(matrixCellSchema),
});

export type MatrixCell = z.infer<typeof matrixCellSchema>;
export type ExpectedMatrix = z.infer<typeof expectedMatrixSchema>;
