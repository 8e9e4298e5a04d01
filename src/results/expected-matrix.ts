import { z } from 'zod';
import { CLAIM_NAMES } from '../claims/claim';
import { type Mount, MOUNTS } from '../model/mount';
import { HUNT_STRATEGIES } from '../schedulers/scheduler';
import type { ExploredCell } from './explored-matrix';
import { readResultFile } from './read-result';
import { RESULT_FILES } from './result-files';

/**
 * The discovered variant x claim x geometry matrix the properties compare
 * against (results/expected-matrix.json, written by `npm run discover`).
 * A cell is `violated` when the hunt's strategy mix found a counterexample,
 * with the strategy whose turn found it, the cell's seed, the runs it took
 * and the shortest length for the shrunk scenario; `not-found` when the
 * mix did not within the budget (not a proof: the exhaustive explorer is
 * what can say `held`, and `npm run matrix` folds its finds in here).
 */
/** A result file written before mount modes explored data=writeback only (immediate reuse). */
export const mountField = z.enum(MOUNTS as [Mount, ...Mount[]]).default('data=writeback');

export const matrixCellSchema = z.strictObject({
  variant: z.string(),
  mount: mountField,
  claim: z.enum(CLAIM_NAMES),
  blocksPerPage: z.union([z.literal(1), z.literal(2)]),
  verdict: z.enum(['violated', 'not-found']),
  /**
   * 'explorer': the hunt missed it within its budget; the exhaustive explorer found it (npm run matrix).
   * 'hand': neither did; the case came from a hand-picked scenario searched breadth-first (scripts/hand-cases.ts).
   * 'earlier': this run's hunt did not find it within its budget, an earlier discovery did, and its case is kept
   * (a race found once stays found: the replay gate checks that its case still breaks the claim).
   */
  strategy: z.enum([...HUNT_STRATEGIES, 'explorer', 'hand', 'earlier']).nullable(),
  seed: z.number().int().nullable(),
  runs: z.number().int().min(0),
  steps: z.number().int().min(0).nullable(),
  case: z.string().nullable(),
});

export const expectedMatrixSchema = z.strictObject({
  generatedBy: z.string(),
  /** The hunt's budget: runs per cell (no time limit, so the hunt is the same on every machine) and its seed. */
  budget: z.strictObject({ runsPerCell: z.number().int().min(1), exhaustiveStates: z.number().int(), seed: z.number().int() }),
  cells: z.array(matrixCellSchema),
});

export type MatrixCell = z.infer<typeof matrixCellSchema>;
export type ExpectedMatrix = z.infer<typeof expectedMatrixSchema>;

/** The expected matrix, validated: a file that does not fit is an error naming the file and the field. */
export function readExpectedMatrix(file: string = RESULT_FILES.expectedMatrix): ExpectedMatrix {
  return readResultFile(file, expectedMatrixSchema);
}

/**
 * Keep what an earlier discovery found and this one did not, while its case
 * file is still there: a race found once is a fact until the model changes,
 * and then the replay gate fails on its case.
 */
export function keepEarlier(fresh: ExpectedMatrix, earlier: ExpectedMatrix, caseExists: (path: string) => boolean): ExpectedMatrix {
  const cells = fresh.cells.map((cell) => {
    if (cell.verdict === 'violated') return cell;
    const e = earlier.cells.find((x) => sameCell(x, cell));
    if (e?.verdict !== 'violated' || e.case === null || !caseExists(e.case)) return cell;
    return { ...cell, verdict: 'violated' as const, strategy: e.strategy === 'hand' || e.strategy === 'explorer' ? e.strategy : ('earlier' as const), seed: null, steps: e.steps, case: e.case };
  });
  return { ...fresh, cells };
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
    const e = explored.find((x) => sameCell(x, cell));
    if (e?.verdict !== 'violated' || e.case === null) return cell;
    return { ...cell, verdict: 'violated' as const, strategy: 'explorer' as const, seed: null, runs: 0, steps: e.shortestSteps, case: e.case };
  });
  return { ...expected, cells };
}

type CellKey = { readonly variant: string; readonly mount: Mount; readonly claim: string; readonly blocksPerPage: number };

/** The same cell: variant, mount, claim and geometry. */
export function sameCell(a: CellKey, b: CellKey): boolean {
  return a.variant === b.variant && a.mount === b.mount && a.claim === b.claim && a.blocksPerPage === b.blocksPerPage;
}
