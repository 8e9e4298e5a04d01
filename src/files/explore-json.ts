import { z } from 'zod';
import { CLAIM_NAMES } from '../claims/claim';
import { MOUNTS, type Mount } from '../model/mount';
import { CONCURRENT_OPS } from '../model/ops';

/** One cell of `explore --json`. */
export const exploreJsonCellSchema = z.object({
  variant: z.string(),
  claim: z.enum(CLAIM_NAMES),
  blocksPerPage: z.union([z.literal(1), z.literal(2)]),
  mount: z.enum(MOUNTS as [Mount, ...Mount[]]),
  ops: z.array(z.enum(CONCURRENT_OPS)),
  threads: z.number().int().min(0),
  verdict: z.enum(['violated', 'held', 'incomplete', 'not-searched']),
  vacuous: z.boolean(),
  unreached: z.array(z.string()),
  cut: z.enum(['states', 'memory', 'deadline', 'depth']).nullable(),
  why: z.string().nullable(),
  states: z.number().int().min(0),
  collisionBound: z.number().min(0),
  transitions: z.number().int().min(0),
  elapsedMs: z.number().min(0),
  shortestSteps: z.number().int().min(0).nullable(),
  case: z.string().nullable(),
  saved: z.string().nullable(),
});
export type ExploreJsonCell = z.infer<typeof exploreJsonCellSchema>;

/** What `explore --json` prints: its cells, the process's peak memory, the family's pages and the shard explored (null: all of it). */
export const exploreJsonSchema = z.object({
  cells: z.array(exploreJsonCellSchema),
  peakRssMb: z.number().min(0),
  pages: z.number().int().min(1),
  /** 1-based, as --shard i/n gives it. */
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).nullable(),
});
export type ExploreJson = z.infer<typeof exploreJsonSchema>;
