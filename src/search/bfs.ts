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
  /**
   * Optional, for the sleep-set reduction: what thread's next step touches
   * besides the thread's own record, as a bit mask (-1: anything). Steps
   * of two threads whose masks share no bit must commute and neither may
   * enable or disable the other.
   */
  footprint?(s: S, thread: number): number;
  /**
   * Optional, for speed: states as words, so a level of the search is one
   * growing Int32Array instead of millions of small objects (which kept the
   * garbage collector at 40% of the time). With it, `stepScratch` gives the
   * successor in a scratch state the next call reuses, and `read` a stored
   * state in another scratch, so no state is allocated at all.
   */
  readonly packing?: Packing<S>;
}

export interface Packing<S> {
  stepScratch(s: S, thread: number): S;
  size(s: S): number;
  write(s: S, into: Int32Array, at: number): void;
  read(from: Int32Array, at: number, size: number): S;
}

/** One level of the search: its states, by index. `at` may return a scratch valid until its next call. */
interface Level<S> {
  readonly length: number;
  push(s: S): void;
  at(k: number): S;
}

function arrayLevel<S>(): Level<S> {
  const states: S[] = [];
  return { get length() { return states.length; }, push: (s) => states.push(s), at: (k) => states[k] };
}

/**
 * A growing list of 32-bit integers: the explorer keeps three per state
 * (parent, thread, start), tens of millions of them, which as JavaScript
 * arrays cost twice the memory and a copy of everything at each growth.
 */
class IntList {
  private words = new Int32Array(1 << 12);
  length = 0;

  push(v: number): void {
    if (this.length === this.words.length) {
      const grown = new Int32Array(2 * this.words.length);
      grown.set(this.words);
      this.words = grown;
    }
    this.words[this.length++] = v;
  }

  at(k: number): number {
    return this.words[k];
  }
}

/** States between two asks of the memory guard, and between two progress reports within a level. */
const GUARD_EVERY = 1 << 12;
const PROGRESS_EVERY = 1 << 16;

/** Words a chunk of a packed level holds (4 MiB): chunks are never copied as the level grows. */
const CHUNK = 1 << 20;

function packedLevel<S>(p: Packing<S>): Level<S> {
  const chunks: Int32Array[] = [];
  let chunk = new Int32Array(0);
  let used = 0;
  let where = new Int32Array(3 * 1024); // per state: chunk index, offset, size
  let count = 0;
  return {
    get length() {
      return count;
    },
    push(s) {
      const n = p.size(s);
      if (used + n > chunk.length) {
        // Small first chunks, so a search of a few thousand states does not zero megabytes.
        chunk = new Int32Array(Math.max(Math.min(CHUNK, Math.max(4096, 4 * chunk.length)), n));
        chunks.push(chunk);
        used = 0;
      }
      p.write(s, chunk, used);
      if (3 * count + 3 > where.length) {
        const grown = new Int32Array(2 * where.length);
        grown.set(where);
        where = grown;
      }
      where[3 * count] = chunks.length - 1;
      where[3 * count + 1] = used;
      where[3 * count + 2] = n;
      count++;
      used += n;
    },
    at: (k) => p.read(chunks[where[3 * k]], where[3 * k + 1], where[3 * k + 2]),
  };
}

export interface ClaimOutcome {
  /** Steps of the shortest violation, or null. */
  readonly steps: number | null;
  /** Which start (in the order starts() gave them) and which thread took each step. */
  readonly start: number | null;
  readonly schedule: number[] | null;
  /** Every start with a state at that depth breaking the claim, in start order: the ties. */
  readonly tied: number[];
}

/** Why a search stopped before it was complete: its state bound, its memory guard, its deadline or its depth cut. */
export type BfsCut = 'states' | 'memory' | 'deadline' | 'depth';

export interface BfsResult {
  readonly complete: boolean;
  /** null when complete, or when every claim was broken before anything was cut. */
  readonly cut: BfsCut | null;
  readonly states: number;
  readonly transitions: number;
  /** Transitions the sleep sets showed to lead where another path of the same length leads, so not taken. */
  readonly pruned: number;
  readonly depth: number;
  readonly outcomes: ClaimOutcome[];
}

export interface BfsLimits {
  /** Distinct states, starts included: the search stops before it would store one more. */
  readonly maxStates?: number;
  /** Asked every few thousand states: true when memory is running out, and the search must stop (cut 'memory'). */
  readonly memoryExhausted?: () => boolean;
  /** Expand no state at this depth: only paths up to this many steps are searched. */
  readonly maxDepth?: number;
  readonly deadline?: () => boolean;
  /** Called at each level and every PROGRESS_EVERY states within one. */
  readonly progress?: (states: number, depth: number) => void;
  /**
   * Sleep sets, when the system gives footprints; default off: on this
   * model's one-page families they leave out 0.04% of the transitions and
   * cost 17% more time (README, "Exploring exhaustively").
   */
  readonly reduction?: boolean;
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
  const footprint = limits.reduction === true ? sys.footprint?.bind(sys) : undefined;
  const parent = new IntList();
  const via = new IntList();
  const startOf = new IntList();
  const seen = new FingerprintSet(Math.min(maxStates, 1 << 20));
  const found: Array<{ node: number; depth: number; tied: Set<number> } | null> = Array.from({ length: sys.claims }, () => null);
  let active = allClaims;
  let transitions = 0;
  let pruned = 0;
  let complete = true;

  // The frontier as parallel arrays: states, their node numbers and sleep sets, and which states are still worth expanding.
  const newLevel = (): Level<S> => (sys.packing ? packedLevel(sys.packing) : arrayLevel());
  let states = newLevel();
  let nodes: number[] = [];
  let sleeps: number[] = [];
  let startIndex = 0;
  const brokenAtStart: number[] = [];
  let cut: BfsCut | null = null;
  let guarded = 0;
  let reported = 0;
  /** Whether one more state may be stored; sets `cut` when not. */
  const room = (): boolean => {
    if (seen.size >= maxStates) cut = 'states';
    else if (seen.size - guarded >= GUARD_EVERY) {
      guarded = seen.size;
      if (limits.memoryExhausted?.()) cut = 'memory';
      else if (seen.size - reported >= PROGRESS_EVERY) {
        reported = seen.size;
        limits.progress?.(seen.size, depth);
      }
    }
    return cut === null;
  };
  let depth = 0;
  for (const s of sys.starts()) {
    if (!room()) break;
    if (footprint ? seen.addOrGet(sys.fingerprint(s), parent.length) < 0 : seen.add(sys.fingerprint(s))) {
      nodes.push(parent.length);
      if (footprint) sleeps.push(0);
      parent.push(-1);
      via.push(-1);
      startOf.push(startIndex);
      states.push(s);
      brokenAtStart.push(sys.broken(s, active));
    }
    startIndex++;
  }
  let keep = record(brokenAtStart, nodes, 0);
  const prints: number[] = [];
  let printed = 0;

  while (states.length > 0 && active !== 0 && cut === null) {
    limits.progress?.(seen.size, depth);
    if (limits.deadline?.()) cut = 'deadline';
    else if (depth >= (limits.maxDepth ?? Number.POSITIVE_INFINITY)) cut = 'depth';
    if (cut !== null) break;
    const nextStates = newLevel();
    const nextNodes: number[] = [];
    const nextBroken: number[] = [];
    const nextSleeps: number[] = [];
    const firstNext = parent.length;
    for (let k = 0; k < states.length && cut === null; k++) {
      if (!keep[k]) continue;
      const s = states.at(k);
      const node = nodes[k];
      const sleep = footprint ? sleeps[k] : 0;
      const n = sys.threads(s);
      printed = 0;
      let done = 0; // threads already taken from this state
      // The thread that just ran goes first, so among equally short paths the one with fewer switches tends to win.
      const first = Math.max(via.at(node), 0);
      for (let j = 0; j < n; j++) {
        const t = j === 0 ? first : j <= first ? j - 1 : j;
        if (!sys.enabled(s, t)) continue;
        if ((sleep & (1 << t)) !== 0) {
          pruned++;
          continue;
        }
        transitions++;
        // Sleep-set rule (Godefroid): a thread asleep here, or taken here before t, stays asleep after t if it commutes with t.
        let childSleep = 0;
        if (footprint) {
          const candidates = sleep | done;
          if (candidates !== 0) {
            const ft = print(s, t);
            if (ft !== -1) for (let u = 0; u < n; u++) if ((candidates & (1 << u)) !== 0 && (print(s, u) & ft) === 0) childSleep |= 1 << u;
          }
          done |= 1 << t;
        }
        const succ = sys.packing ? sys.packing.stepScratch(s, t) : sys.step(s, t);
        if (!room()) break;
        if (footprint) {
          const known = seen.addOrGet(sys.fingerprint(succ), parent.length);
          if (known >= 0) {
            // Another path of the same length got there first: sleep only on what both paths may skip.
            if (known >= firstNext) nextSleeps[known - firstNext] &= childSleep;
            continue;
          }
          nextSleeps.push(childSleep);
        } else if (!seen.add(sys.fingerprint(succ))) continue;
        nextNodes.push(parent.length);
        // Claims are checked on the successor while it is at hand, not read back from the level later.
        nextBroken.push(sys.broken(succ, active));
        parent.push(node);
        via.push(t);
        startOf.push(startOf.at(node));
        nextStates.push(succ);
      }
    }
    depth++;
    states = nextStates;
    nodes = nextNodes;
    sleeps = nextSleeps;
    // A level cut short is still recorded: a violation in it is at the shortest depth, since every shallower state was made.
    keep = record(nextBroken, nodes, depth);
  }
  if (cut !== null && active !== 0) complete = false;

  return {
    complete,
    cut: complete ? null : cut,
    states: seen.size,
    transitions,
    pruned,
    depth,
    outcomes: found.map((hit) => (hit === null ? { steps: null, start: null, schedule: null, tied: [] } : {
      steps: hit.depth,
      start: startOf.at(hit.node),
      schedule: pathTo(hit.node),
      tied: [...hit.tied].sort((a, b) => a - b),
    })),
  };

  /** Thread t's footprint at s, computed once per state (`printed` is reset for each state expanded). */
  function print(s: S, t: number): number {
    if ((printed & (1 << t)) === 0) {
      prints[t] = footprint!(s, t);
      printed |= 1 << t;
    }
    return prints[t];
  }

  /** Record the new level's first violations (its states' broken claims, checked as they were made); say which are still worth expanding. */
  function record(levelBroken: number[], levelNodes: number[], d: number): boolean[] {
    const worth: boolean[] = new Array(levelBroken.length);
    let newlyFound = 0;
    for (let k = 0; k < levelBroken.length; k++) {
      const broken = levelBroken[k];
      for (let c = 0; c < sys.claims; c++) {
        if ((broken & (1 << c)) === 0) continue;
        if (found[c] === null) {
          found[c] = { node: levelNodes[k], depth: d, tied: new Set() };
          newlyFound |= 1 << c;
        }
        if ((newlyFound & (1 << c)) !== 0) found[c]!.tied.add(startOf.at(levelNodes[k]));
      }
      worth[k] = (active & ~broken) !== 0;
    }
    active &= ~newlyFound;
    return worth;
  }

  function pathTo(node: number): number[] {
    const out: number[] = [];
    for (let v = node; parent.at(v) >= 0; v = parent.at(v)) out.push(via.at(v));
    return out.reverse();
  }
}
