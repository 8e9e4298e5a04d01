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
  /**
   * 'explorer': the hunt missed it within its budget; the exhaustive explorer found it (npm run matrix).
   * 'hand': neither did; the case came from a hand-picked scenario searched breadth-first (examples/hand-cases.ts).
   */
  strategy: z.enum([...HUNT_STRATEGIES, 'explorer', 'hand']).nullable(),
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

export interface ExploredCell {
  readonly variant: string;
  readonly claim: string;
  readonly blocksPerPage: number;
  readonly verdict: 'violated' | 'held' | 'incomplete';
  readonly shortestSteps: number | null;
  readonly case: string | null;
}

/**
 * Fold the explorer's findings into the expected matrix: a cell the hunt did
 * not find but the explorer broke is violated, with the explorer's case
 * (replacing a hand-picked one). Cells the hunt found keep their hunt, so
 * the properties still check that the hunt finds them within its budget.
 */
export function mergeExplored(expected: ExpectedMatrix, explored: readonly ExploredCell[]): ExpectedMatrix {
  const cells = expected.cells.map((cell) => {
    if (cell.verdict === 'violated' && cell.strategy !== 'hand' && cell.strategy !== 'explorer') return cell;
    const e = explored.find((x) => x.variant === cell.variant && x.claim === cell.claim && x.blocksPerPage === cell.blocksPerPage);
    if (e?.verdict !== 'violated' || e.case === null) return cell;
    return { ...cell, verdict: 'violated' as const, strategy: 'explorer' as const, seed: null, runs: 0, steps: e.shortestSteps, case: e.case };
  });
  return { ...expected, cells };
}
