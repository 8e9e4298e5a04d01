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
 * (the caller lists fewer threads first, which breaks ties that way), and
 * each state tries the thread that just ran first, so a tie tends to the
 * path with fewer switches. A state is not expanded once it breaks every claim still
 * searched. `complete` is true only if nothing was left unexplored.
 */
export function bfs<S>(sys: System<S>, limits: BfsLimits = {}): BfsResult {
  const maxStates = limits.maxStates ?? Number.POSITIVE_INFINITY;
  const allClaims = (1 << sys.claims) - 1;
  const parent: number[] = [];
  const via: number[] = [];
  const startOf: number[] = [];
  const seen = new FingerprintSet(1 << 20);
  const found: Array<{ node: number; depth: number } | null> = Array.from({ length: sys.claims }, () => null);
  let active = allClaims;
  let transitions = 0;
  let complete = true;

  // The frontier as parallel arrays: states and their node numbers.
  let states: S[] = [];
  let nodes: number[] = [];
  let startIndex = 0;
  for (const s of sys.starts()) {
    if (seen.add(sys.fingerprint(s))) {
      nodes.push(parent.length);
      parent.push(-1);
      via.push(-1);
      startOf.push(startIndex);
      states.push(s);
    }
    startIndex++;
  }
  let depth = 0;
  [states, nodes] = record(states, nodes, 0);

  while (states.length > 0 && active !== 0) {
    limits.progress?.(seen.size, depth);
    if (limits.deadline?.() || seen.size >= maxStates) {
      complete = false;
      break;
    }
    const nextStates: S[] = [];
    const nextNodes: number[] = [];
    for (let k = 0; k < states.length; k++) {
      const s = states[k];
      const node = nodes[k];
      const n = sys.threads(s);
      // The thread that just ran goes first, so among equally short paths the one with fewer switches tends to win.
      const first = Math.max(via[node], 0);
      for (let j = 0; j < n; j++) {
        const t = j === 0 ? first : j <= first ? j - 1 : j;
        if (!sys.enabled(s, t)) continue;
        transitions++;
        const succ = sys.step(s, t);
        if (!seen.add(sys.fingerprint(succ))) continue;
        nextNodes.push(parent.length);
        parent.push(node);
        via.push(t);
        startOf.push(startOf[node]);
        nextStates.push(succ);
      }
    }
    depth++;
    [states, nodes] = record(nextStates, nextNodes, depth);
  }
  if (states.length > 0 && active !== 0) complete = false;

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
  function record(level: S[], levelNodes: number[], d: number): [S[], number[]] {
    const keepStates: S[] = [];
    const keepNodes: number[] = [];
    let newlyFound = 0;
    for (let k = 0; k < level.length; k++) {
      const broken = sys.broken(level[k], active);
      for (let c = 0; c < sys.claims; c++) {
        if ((broken & (1 << c)) !== 0 && found[c] === null) {
          found[c] = { node: levelNodes[k], depth: d };
          newlyFound |= 1 << c;
        }
      }
      if ((active & ~broken) !== 0) {
        keepStates.push(level[k]);
        keepNodes.push(levelNodes[k]);
      }
    }
    active &= ~newlyFound;
    return [keepStates, keepNodes];
  }

  function pathTo(node: number): number[] {
    const out: number[] = [];
    for (let v = node; parent[v] >= 0; v = parent[v]) out.push(via[v]);
    return out.reverse();
  }
}
