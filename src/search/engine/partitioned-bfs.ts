import type { BfsCut, BfsResult, ClaimOutcome } from './bfs';
import { collisionBound } from './fingerprint-set';
import type { LevelReport } from './partition';
import type { StateBudget } from './state-budget';

/**
 * The parts of a partitioned search (partition.ts), wherever they run: in
 * this thread one after another (local-parts.ts, for tests and one core) or
 * on worker threads at once (thread-parts.ts). Every call covers all parts
 * and gives their reports in part order.
 */
export interface Parts {
  readonly budget: StateBudget;
  /** Store the starts, checking the claims in `active`. */
  seed(active: number): Promise<LevelReport[]>;
  /** Make the next level: every part expands, the parts exchange their batches and absorb them. */
  level(active: number): Promise<LevelReport[]>;
  /** A node's parent and the thread that led from it. */
  link(node: number): Promise<{ parent: number; via: number }>;
  /** Transitions taken, and what each part's system reports at the end (coverage, for the kernel). */
  finish(): Promise<{ transitions: number; extras: unknown[] }>;
}

export interface PartitionedLimits {
  readonly claims: number;
  readonly maxDepth?: number;
  readonly deadline?: () => boolean;
  readonly progress?: (states: number, depth: number) => void;
  readonly symmetric: boolean;
}

/**
 * bfs.ts's search over parts: level by level, the claims found in a level
 * leave the search at its end, a level cut short still counts. For a
 * complete search the states, transitions, depth, verdicts and shortest
 * lengths are those of bfs.ts on the same system (the stored states are the
 * reachable ones, whoever stores them); which of equally short violations
 * is reported can differ (the first part's, here), so the ties are merged
 * from every part.
 */
export async function partitionedBfs(parts: Parts, limits: PartitionedLimits): Promise<BfsResult & { extras: unknown[] }> {
  const found: Array<{ node: number; start: number; depth: number; tied: Set<number> } | null> = Array.from({ length: limits.claims }, () => null);
  let active = (1 << limits.claims) - 1;
  let depth = 0;
  let cut: BfsCut | null = null;
  const take = (reports: LevelReport[], d: number): number => {
    let newly = 0;
    for (const r of reports) {
      for (const h of r.hits) {
        if ((active & (1 << h.claim)) === 0) continue;
        const f = found[h.claim];
        if (f === null) found[h.claim] = { node: h.node, start: h.start, depth: d, tied: new Set(h.starts) };
        else for (const s of h.starts) f.tied.add(s);
        newly |= 1 << h.claim;
      }
    }
    active &= ~newly;
    return reports.reduce((n, r) => n + r.nextStates, 0);
  };
  let width = take(await parts.seed(active), 0);
  while (width > 0 && active !== 0 && parts.budget.cut === null) {
    limits.progress?.(parts.budget.stored, depth);
    if (limits.deadline?.()) cut = 'deadline';
    else if (depth >= (limits.maxDepth ?? Number.POSITIVE_INFINITY)) cut = 'depth';
    if (cut !== null) break;
    width = take(await parts.level(active), depth + 1);
    depth++;
  }
  cut ??= parts.budget.cut;
  const { transitions, extras } = await parts.finish();
  const complete = cut === null || active === 0;
  const outcomes: ClaimOutcome[] = [];
  for (const f of found) {
    if (f === null) outcomes.push({ steps: null, start: null, schedule: null, tied: [] });
    else outcomes.push({ steps: f.depth, start: f.start, schedule: await pathTo(parts, f.node), tied: [...f.tied].sort((a, b) => a - b) });
  }
  const states = parts.budget.stored;
  return {
    complete, cut: complete ? null : cut, states, transitions, depth, collisionBound: collisionBound(states), symmetric: limits.symmetric, outcomes, extras,
  };
}

async function pathTo(parts: Parts, node: number): Promise<number[]> {
  const out: number[] = [];
  for (let v = node; ;) {
    const { parent, via } = await parts.link(v);
    if (parent < 0) break;
    out.push(via);
    v = parent;
  }
  return out.reverse();
}
