import { FingerprintSet } from './fingerprint-set';

/**
 * A transition system the breadth-first explorer can search: several
 * starts, threads that may be enabled, a deterministic step, a canonical
 * fingerprint, and claims checked on every state (bit i set when claim i is
 * broken there).
 */
export interface System<S> {
  readonly claims: number;
  starts(): Iterable<S>;
  threads(s: S): number;
  enabled(s: S, thread: number): boolean;
  step(s: S, thread: number): S;
  fingerprint(s: S): number;
  broken(s: S, active: number): number;
}

export interface ClaimOutcome {
  /** Steps of the shortest violation, or null. */
  readonly steps: number | null;
  /** Which start (in the order starts() gave them) and which thread took each step. */
  readonly start: number | null;
  readonly schedule: number[] | null;
}

export interface BfsResult {
  readonly complete: boolean;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly outcomes: ClaimOutcome[];
}

export interface BfsLimits {
  readonly maxStates?: number;
  readonly deadline?: () => boolean;
  readonly progress?: (states: number, depth: number) => void;
}

/**
 * Level-synchronous breadth-first search from every start at once, states
 * deduplicated by fingerprint (as TLC does). The first state met that breaks
 * a claim ends a shortest path for it; starts come first in the order given
 * (the caller lists fewer threads first, which breaks ties that way), and a
 * state reached twice in one level keeps the path with fewer thread
 * switches. A state is not expanded once it breaks every claim still
 * searched. `complete` is true only if nothing was left unexplored.
 */
export function bfs<S>(sys: System<S>, limits: BfsLimits = {}): BfsResult {
  const maxStates = limits.maxStates ?? Number.POSITIVE_INFINITY;
  const allClaims = (1 << sys.claims) - 1;
  const parent: number[] = [];
  const via: number[] = [];
  const switches: number[] = [];
  const startOf: number[] = [];
  const level = new Map<number, number>(); // fingerprint -> node, for the level being built
  const seen = new FingerprintSet(1 << 20);
  const found: Array<{ node: number; depth: number } | null> = Array.from({ length: sys.claims }, () => null);
  let active = allClaims;
  let transitions = 0;
  let complete = true;

  let frontier: Array<{ s: S; node: number }> = [];
  let startIndex = 0;
  for (const s of sys.starts()) {
    const f = sys.fingerprint(s);
    if (seen.add(f)) {
      const node = parent.length;
      parent.push(-1);
      via.push(-1);
      switches.push(0);
      startOf.push(startIndex);
      frontier.push({ s, node });
    }
    startIndex++;
  }
  let depth = 0;
  frontier = record(frontier, 0);

  while (frontier.length > 0 && active !== 0) {
    limits.progress?.(seen.size, depth);
    if (limits.deadline?.() || seen.size >= maxStates) {
      complete = false;
      break;
    }
    level.clear();
    const next: Array<{ s: S; node: number }> = [];
    for (const { s, node } of frontier) {
      const n = sys.threads(s);
      for (let t = 0; t < n; t++) {
        if (!sys.enabled(s, t)) continue;
        transitions++;
        const succ = sys.step(s, t);
        const f = sys.fingerprint(succ);
        const sw = switches[node] + (via[node] >= 0 && via[node] !== t ? 1 : 0);
        if (!seen.add(f)) {
          const other = level.get(f);
          if (other !== undefined && sw < switches[other]) {
            parent[other] = node;
            via[other] = t;
            switches[other] = sw;
          }
          continue;
        }
        const child = parent.length;
        parent.push(node);
        via.push(t);
        switches.push(sw);
        startOf.push(startOf[node]);
        level.set(f, child);
        next.push({ s: succ, node: child });
      }
    }
    depth++;
    frontier = record(next, depth);
  }
  if (frontier.length > 0 && active !== 0) complete = false;

  return {
    complete,
    states: seen.size,
    transitions,
    depth,
    outcomes: found.map((hit) => (hit === null ? { steps: null, start: null, schedule: null } : {
      steps: hit.depth,
      start: startOf[hit.node],
      schedule: pathTo(hit.node),
    })),
  };

  /** Check the new level's states; record first violations; keep those still worth expanding. */
  function record(states: Array<{ s: S; node: number }>, d: number): Array<{ s: S; node: number }> {
    const keep: Array<{ s: S; node: number }> = [];
    const newlyFound: number[] = [];
    for (const entry of states) {
      const broken = sys.broken(entry.s, active);
      for (let c = 0; c < sys.claims; c++) {
        if ((broken & (1 << c)) !== 0 && found[c] === null) {
          found[c] = { node: entry.node, depth: d };
          newlyFound.push(c);
        }
      }
      if ((active & ~broken) !== 0) keep.push(entry);
    }
    for (const c of newlyFound) active &= ~(1 << c);
    return keep;
  }

  function pathTo(node: number): number[] {
    const out: number[] = [];
    for (let v = node; parent[v] >= 0; v = parent[v]) out.push(via[v]);
    return out.reverse();
  }
}
