import { collisionBound, FingerprintSet } from './fingerprint-set';
import { arrayLevel, ChunkPool, IntList, type Level, packedLevel } from './levels';
import { SwitchCosts } from './switch-costs';
import type { System } from './system';

export interface ClaimOutcome {
  /** Steps of the shortest violation, or null. */
  readonly steps: number | null;
  /** Which start (in the order starts() gave them) and which thread took each step. */
  readonly start: number | null;
  /** With symmetry, threads are named as in the canonical states: realSchedule (schedules.ts) renames them. */
  readonly schedule: number[] | null;
  /** Every start with a state at that depth breaking the claim, in start order: the ties (empty for a watched claim). */
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
  readonly depth: number;
  /**
   * The chance that two of the distinct states stored share a 64-bit
   * fingerprint, so that one was never explored: at most
   * states(states-1)/2 / 2^64 (fingerprint.ts). A verdict of `held` is
   * a proof up to this chance.
   */
  readonly collisionBound: number;
  /** Whether states were merged by symmetry (then schedules name the threads of canonical states). */
  readonly symmetric: boolean;
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
  /** Merge states by the system's canonical form, when it has one; default on (off with fewestSwitches). */
  readonly symmetry?: boolean;
  /** Use the system's stillBreakable and unaffected; default on. */
  readonly pruning?: boolean;
  /** Claims (a bit mask) only watched: checked on every state, reported once by onFound, but neither searched for nor waited for. */
  readonly watch?: number;
  /** Called the first time a state breaks claim c (searched or watched). */
  readonly onFound?: (c: number) => void;
  /** Finish the level of a violation to collect its ties (default); false stops at the first violation of the last claim searched. */
  readonly ties?: boolean;
  /** Among the shortest violations of each claim, return one with the fewest thread switches (exact; a few words more per state). */
  readonly fewestSwitches?: boolean;
}

/** States between two asks of the memory guard, and between two progress reports within a level. */
const GUARD_EVERY = 1 << 12;
const PROGRESS_EVERY = 1 << 16;

interface Found {
  readonly node: number;
  readonly depth: number;
  readonly tied: Set<number>;
  /** With fewestSwitches: every node of that depth breaking the claim. */
  readonly hits: number[];
}

/**
 * The one breadth-first search of the harness: level by level from every
 * start at once, states deduplicated by fingerprint (as TLC does). The
 * first state met that breaks a claim ends a shortest path for it; starts
 * come first in the order given (callers list fewer threads first, which
 * breaks ties that way), and each state tries the thread that just ran
 * first, so a tie tends to the path with fewer switches (`fewestSwitches`
 * makes that exact). A state is expanded only while some claim still
 * searched can break from it: not once it breaks them all, nor once the
 * system's stillBreakable rules them out. `complete` is true only if
 * nothing was left unexplored.
 */
export function bfs<S>(sys: System<S>, limits: BfsLimits = {}): BfsResult {
  const maxStates = limits.maxStates ?? Number.POSITIVE_INFINITY;
  const switches = limits.fewestSwitches === true;
  const ties = limits.ties !== false || switches;
  const symmetry = limits.symmetry !== false && !switches && sys.canonical !== undefined;
  const pruning = limits.pruning !== false;
  const stillBreakable = pruning ? sys.stillBreakable?.bind(sys) : undefined;
  const unaffected = pruning ? sys.unaffected?.bind(sys) : undefined;
  const breakable = (s: S, claims: number): number => (claims === 0 || stillBreakable === undefined ? claims : stillBreakable(s, claims));

  const parent = new IntList();
  const via = new IntList();
  const startOf = new IntList();
  let costs: SwitchCosts | null = null;
  // Small at first: the hunt makes thousands of small searches; the set grows as it fills.
  const seen = new FingerprintSet(Math.min(maxStates, 1 << 13));
  const fp = new Uint32Array(2);
  const found: Array<Found | null> = Array.from({ length: sys.claims }, () => null);
  let watching = limits.watch ?? 0;
  let active = ((1 << sys.claims) - 1) & ~watching;
  let newlyFound = 0;
  let transitions = 0;
  let depth = 0;
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
  const newNode = (from: number, thread: number, start: number): number => {
    const node = parent.length;
    parent.push(from);
    via.push(thread);
    startOf.push(start);
    costs?.add();
    return node;
  };
  /** A new state broke `broken`: the first such state of a claim ends a shortest path to its violation. */
  const hit = (node: number, broken: number, d: number): void => {
    for (let c = 0; c < sys.claims; c++) {
      const bit = 1 << c;
      if ((broken & bit) === 0) continue;
      if ((watching & bit) !== 0) {
        watching &= ~bit;
        found[c] = { node, depth: d, tied: new Set(), hits: [] };
        limits.onFound?.(c);
      } else if (found[c] === null) {
        found[c] = { node, depth: d, tied: new Set([startOf.at(node)]), hits: [node] };
        newlyFound |= bit;
        limits.onFound?.(c);
        if (!ties) active &= ~bit;
      } else if ((newlyFound & bit) !== 0) {
        found[c]!.tied.add(startOf.at(node));
        if (switches) found[c]!.hits.push(node);
      }
    }
  };

  const pool = new ChunkPool();
  const newLevel = (): Level<S> => (sys.packing ? packedLevel(sys.packing, pool) : arrayLevel());
  let states = newLevel();
  // Per state of the level: its node and the claims still open from it (typed, not arrays of numbers: half the memory).
  let nodes = new IntList(64);
  let opens = new IntList(64);
  let startIndex = 0;
  for (const s of sys.starts()) {
    if (!room()) break;
    if (symmetry) sys.canonical!(s);
    if (switches) costs = switchCostsFor(costs, sys.threads(s));
    sys.fingerprint(s, fp);
    if (seen.add(fp[0], fp[1])) {
      const node = newNode(-1, -1, startIndex);
      const broken = sys.broken(s, active | watching);
      states.push(s);
      nodes.push(node);
      opens.push(breakable(s, active & ~broken));
      if (broken !== 0) hit(node, broken, 0);
    }
    startIndex++;
  }
  active &= ~newlyFound;
  newlyFound = 0;

  while (states.length > 0 && active !== 0 && cut === null) {
    limits.progress?.(seen.size, depth);
    if (limits.deadline?.()) cut = 'deadline';
    else if (depth >= (limits.maxDepth ?? Number.POSITIVE_INFINITY)) cut = 'depth';
    if (cut !== null) break;
    const nextStates = newLevel();
    const nextNodes = new IntList(64);
    const nextOpens = new IntList(64);
    const firstNext = parent.length;
    for (let k = 0; k < states.length && cut === null && active !== 0; k++) {
      const open = opens.at(k) & active;
      if (open === 0) continue;
      const s = states.at(k);
      const node = nodes.at(k);
      const n = sys.threads(s);
      // The thread that just ran goes first, so among equally short paths the one with fewer switches tends to win.
      const first = Math.max(via.at(node), 0);
      for (let j = 0; j < n; j++) {
        const t = j === 0 ? first : j <= first ? j - 1 : j;
        if (!sys.enabled(s, t)) continue;
        transitions++;
        // Claims this step cannot change keep the parent's verdict (not broken) and its openness.
        const same = unaffected === undefined ? 0 : unaffected(s, t);
        const succ = sys.packing ? sys.packing.stepScratch(s, t) : sys.step(s, t);
        if (symmetry) sys.canonical!(succ);
        if (!room()) break;
        if (costs !== null) {
          sys.fingerprint(succ, fp);
          const known = seen.addOrGet(fp[0], fp[1], parent.length);
          if (known >= 0) {
            if (known >= firstNext) costs.relax(node, t, known, parent.at(node) < 0);
            continue;
          }
        } else {
          sys.fingerprint(succ, fp);
          if (!seen.add(fp[0], fp[1])) continue;
        }
        const child = newNode(node, t, startOf.at(node));
        costs?.relax(node, t, child, parent.at(node) < 0);
        // Claims are checked on the successor while it is at hand, not read back from the level later.
        const asked = (active | watching) & ~same;
        const broken = asked === 0 ? 0 : sys.broken(succ, asked);
        nextStates.push(succ);
        nextNodes.push(child);
        nextOpens.push((open & same) | breakable(succ, active & ~same & ~broken));
        if (broken !== 0) hit(child, broken, depth + 1);
      }
    }
    depth++;
    states.release();
    states = nextStates;
    nodes = nextNodes;
    opens = nextOpens;
    // A level cut short still counts: a violation in it is at the shortest depth, since every shallower state was made.
    active &= ~newlyFound;
    newlyFound = 0;
  }
  const complete = cut === null || active === 0;
  return {
    complete,
    cut: complete ? null : cut,
    states: seen.size,
    transitions,
    depth,
    collisionBound: collisionBound(seen.size),
    symmetric: symmetry,
    outcomes: found.map((f, c) => {
      if (f === null || ((limits.watch ?? 0) & (1 << c)) !== 0) return { steps: null, start: null, schedule: null, tied: [] };
      const schedule = costs !== null ? costs.fewest(f.hits) : pathTo(f.node);
      return { steps: f.depth, start: startOf.at(f.node), schedule, tied: [...f.tied].sort((a, b) => a - b) };
    }),
  };

  function switchCostsFor(known: SwitchCosts | null, threads: number): SwitchCosts {
    if (known !== null && known.width !== threads) throw new Error('bfs: fewestSwitches needs starts of one thread count');
    return known ?? new SwitchCosts(threads);
  }

  function pathTo(node: number): number[] {
    const out: number[] = [];
    for (let v = node; parent.at(v) >= 0; v = parent.at(v)) out.push(via.at(v));
    return out.reverse();
  }
}
