import { z } from 'zod';
import { type FileLayout, FILE_LAYOUTS } from '../model/file-layout';
import { isOrdered, LEGACY_REUSE, type Mount, MOUNTS } from '../model/mount';
import { BAR_BLOCKS, MAX_PAGES, MAX_THREADS } from '../model/geometry';
import { CONCURRENT_OPS, type ConcurrentOp } from '../model/ops';

/**
 * One concrete starting point: the variant, the geometry, the mount, foo's
 * layout on disk, what foo's page cache holds, the punched blocks, and the
 * threads that run beside the punch (thread 0 is the punch; these are
 * threads 1..n; under data=ordered jbd2's commit thread comes after them).
 *
 * Cache states: `none`; `clean` (read in: with buffers only if the page is
 * confused, see file-layout.ts); `clean-buffers` (buffers mapped to foo's
 * blocks, as a write or an earlier fault left them); `dirty` (written
 * before the punch started, not yet on disk, buffers mapped, or delayed over
 * a hole); `dirty-mapped` (dirty as well, through a writable mapping still
 * in a user's page table: a store to it takes no fault).
 */
export const CACHE_STATES = ['none', 'clean', 'clean-buffers', 'dirty', 'dirty-mapped'] as const;
export type CacheState = (typeof CACHE_STATES)[number];

const threadSpec = z.strictObject({
  op: z.enum(CONCURRENT_OPS as [ConcurrentOp, ...ConcurrentOp[]], { error: `unknown operation (known: ${CONCURRENT_OPS.join(', ')})` }),
  /** foo's page the op works on (readahead: the first page of its batch). */
  page: z.number().int().min(0).max(MAX_PAGES - 1).optional(),
  /** readahead: how many pages in the batch. */
  count: z.number().int().min(1).max(MAX_PAGES).optional(),
  /** barWrite: bar's logical block (default: how many barWrite threads came before). */
  block: z.number().int().min(0).max(BAR_BLOCKS - 1).optional(),
  /**
   * write and read: the user's buffer is a mapping of foo, which write(2)
   * faults in with i_rwsem held (src/paths/write.ts; fstests generic/248)
   * and read(2)'s copy faults (src/paths/read.ts); without it, memory that
   * faults nothing in.
   */
  buffer: z.literal('foo', { error: 'must be "foo"' }).optional(),
  /** write or read with a buffer in foo: the page of foo the buffer maps (default: the op's own page, as generic/248 does). */
  bufferPage: z.number().int().min(0).max(MAX_PAGES - 1).optional(),
});
export type ThreadSpec = z.infer<typeof threadSpec>;

export const scenarioSchema = z.strictObject({
  variant: z.string().min(1).max(64),
  blocksPerPage: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2' }),
  pages: z.number().int().min(1).max(MAX_PAGES),
  mount: z.enum(MOUNTS as [Mount, ...Mount[]], { error: `must be one of ${MOUNTS.join(', ')}` }).optional(),
  /** foo's blocks on disk (FILE_LAYOUTS); files written before layouts were contiguous. */
  layout: z.enum(FILE_LAYOUTS, { error: `must be one of ${FILE_LAYOUTS.join(', ')}` }).optional(),
  /** Files written before mount modes: `immediate` is data=writeback, `after-commit` data=ordered (LEGACY_REUSE). */
  reuse: z.enum(['immediate', 'after-commit'], { error: 'must be "immediate" or "after-commit"' }).optional(),
  cache: z.array(z.enum(CACHE_STATES, { error: `must be one of ${CACHE_STATES.join(', ')}` })).max(MAX_PAGES),
  /** The punched logical blocks: [start, start + length). */
  punch: z.strictObject({ start: z.number().int().min(0), length: z.number().int().min(1) }),
  threads: z.array(threadSpec).max(MAX_THREADS - 1),
});

export interface Scenario {
  readonly variant: string;
  readonly blocksPerPage: 1 | 2;
  readonly pages: number;
  readonly mount: Mount;
  readonly layout: FileLayout;
  readonly cache: readonly CacheState[];
  readonly punch: { readonly start: number; readonly length: number };
  readonly threads: readonly ThreadSpec[];
}

/** A scenario that is well-typed but inconsistent: names the field and the problem. */
export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** Validate raw data as a scenario, including the cross-field rules the schema cannot say. */
export function parseScenario(raw: unknown): Scenario {
  const r = scenarioSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ScenarioError(issue.path.length > 0 ? issue.path.join('.') : '(root)', issue.message);
  }
  const { reuse, mount, ...rest } = r.data;
  if ((reuse === undefined) === (mount === undefined)) throw new ScenarioError('mount', 'give the mount (or, in a file written before mount modes, reuse), not both');
  const scenario = { ...rest, mount: mount ?? LEGACY_REUSE[reuse!], layout: rest.layout ?? 'contiguous' } as Scenario;
  checkScenario(scenario);
  return scenario;
}

export function checkScenario(sc: Scenario): void {
  const fooBlocks = sc.pages * sc.blocksPerPage;
  if (sc.cache.length !== sc.pages) throw new ScenarioError('cache', `needs one entry per page (${sc.pages}), got ${sc.cache.length}`);
  if (sc.punch.start + sc.punch.length > fooBlocks) {
    throw new ScenarioError('punch', `blocks ${sc.punch.start}..${sc.punch.start + sc.punch.length - 1} run past foo's ${fooBlocks} blocks`);
  }
  const barBlocks = new Set<number>();
  sc.threads.forEach((th, i) => {
    const field = `threads.${i}`;
    if (th.op === 'barWrite') {
      const block = th.block ?? barBlocks.size;
      if (block >= BAR_BLOCKS) throw new ScenarioError(`${field}.block`, `bar has ${BAR_BLOCKS} blocks`);
      if (barBlocks.has(block)) throw new ScenarioError(`${field}.block`, `bar block ${block} is written by another thread`);
      barBlocks.add(block);
      return;
    }
    if (th.page === undefined) throw new ScenarioError(`${field}.page`, `${th.op} needs a page`);
    if (th.buffer !== undefined && th.op !== 'write' && th.op !== 'read') throw new ScenarioError(`${field}.buffer`, `only write and read take a buffer, not ${th.op}`);
    if (th.bufferPage !== undefined && th.buffer === undefined) throw new ScenarioError(`${field}.bufferPage`, 'needs "buffer": "foo"');
    if ((th.bufferPage ?? 0) >= sc.pages) throw new ScenarioError(`${field}.bufferPage`, `page ${th.bufferPage} is past foo's ${sc.pages} pages`);
    const count = th.op === 'readahead' ? (th.count ?? 1) : 1;
    if (th.page + count > sc.pages) throw new ScenarioError(`${field}.page`, `page ${th.page + count - 1} is past foo's ${sc.pages} pages`);
  });
}

/** The threads of a scenario's runs: the punch, the scenario's own, and jbd2's commit thread under data=ordered. */
export function threadCount(sc: Pick<Scenario, 'threads' | 'mount'>): number {
  return 1 + sc.threads.length + (isOrdered(sc.mount) ? 1 : 0);
}
