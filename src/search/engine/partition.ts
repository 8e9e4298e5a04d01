import { type Batch, BatchBuilder, walkBatch } from './batch';
import { FingerprintSet } from './fingerprint-set';
import { ChunkPool, IntList, packedLevel, type Level } from './levels';
import { SentCache } from './sent-cache';
import type { StateBudget } from './state-budget';
import type { Packing, System } from './system';

/**
 * One part of a hash-partitioned breadth-first search (as parallel Murphi
 * and Stern & Dill's hash-partitioned BFS do): the states whose
 * fingerprint this part owns, their fingerprints, parent links and levels.
 * Each level, a part expands its own states; a successor it owns is
 * deduplicated at once, one owned by another part goes into that part's
 * batch, which the other absorbs once the level is expanded, batches in
 * the order of their parts. So the parts together store exactly the states
 * one search would (the pruning is a function of the state, bfs.ts), and
 * a level's new states are made in an order fixed by the number of parts,
 * not by timing. Node numbers are global: local number * parts + part.
 */
export interface PartitionOptions {
  readonly part: number;
  readonly parts: number;
  readonly budget: StateBudget;
  readonly symmetry: boolean;
  readonly pruning: boolean;
  readonly memoryExhausted?: () => boolean;
}

/** What a level brought a part: per claim newly broken here, its first node and the starts of every node breaking it. */
export interface LevelReport {
  readonly hits: Array<{ readonly claim: number; readonly node: number; readonly start: number; readonly starts: number[] }>;
  readonly nextStates: number;
}

/** Which part owns a fingerprint: from bits the set's probe (fingerprint-set.ts) weighs least. */
export function ownerOf(hi: number, lo: number, parts: number): number {
  return ((hi >>> 16) ^ (lo >>> 16)) % parts;
}

const GUARD_EVERY = 1 << 12;

export class Partition<S> {
  private readonly seen = new FingerprintSet(1 << 13);
  private readonly sent = new SentCache();
  private readonly out: Array<BatchBuilder<S>>;
  private readonly parent = new IntList();
  private readonly via = new IntList();
  private readonly startOf = new IntList();
  private readonly pool = new ChunkPool();
  private readonly packing: Packing<S>;
  private readonly fp = new Uint32Array(2);
  private states: Level<S>;
  private nodes = new IntList(64);
  private opens = new IntList(64);
  private next: Level<S>;
  private nextNodes = new IntList(64);
  private nextOpens = new IntList(64);
  private active = 0;
  private depth = 0;
  private hits = new Map<number, { node: number; start: number; starts: Set<number> }>();
  private sinceGuard = 0;
  transitions = 0;

  constructor(private readonly sys: System<S>, private readonly o: PartitionOptions) {
    if (sys.packing === undefined) throw new Error('partition: the system must pack its states');
    this.packing = sys.packing;
    this.states = packedLevel(this.packing, this.pool);
    this.next = packedLevel(this.packing, this.pool);
    this.out = Array.from({ length: o.parts }, () => new BatchBuilder(this.packing));
  }

  /** Store the starts this part owns (every part sees every start, in order), checking `active` claims on them. */
  seed(starts: Iterable<S>, active: number): LevelReport {
    this.active = active;
    let k = 0;
    for (const s of starts) {
      if (this.o.budget.cut !== null) break;
      if (this.o.symmetry) this.sys.canonical!(s);
      this.sys.fingerprint(s, this.fp);
      if (ownerOf(this.fp[0], this.fp[1], this.o.parts) === this.o.part) this.insert(s, this.fp[0], this.fp[1], -1, -1, k, 0, 0);
      k++;
    }
    return this.endLevel();
  }

  /** Expand this part's level for the `active` claims: its own successors stored, the others' in one batch per part. */
  expand(active: number): Batch[] {
    this.active = active;
    const { sys, o, fp } = this;
    const out = this.out;
    for (const b of out) b.reset();
    const unaffected = o.pruning ? sys.unaffected?.bind(sys) : undefined;
    for (let k = 0; k < this.states.length && o.budget.cut === null; k++) {
      const open = this.opens.at(k) & active;
      if (open === 0) continue;
      const s = this.states.at(k);
      const node = this.nodes.at(k);
      const local = (node - o.part) / o.parts;
      const n = sys.threads(s);
      const first = Math.max(this.via.at(local), 0);
      for (let j = 0; j < n; j++) {
        const t = j === 0 ? first : j <= first ? j - 1 : j;
        if (!sys.enabled(s, t)) continue;
        this.transitions++;
        const same = unaffected === undefined ? 0 : unaffected(s, t);
        const succ = this.packing.stepScratch(s, t);
        if (o.symmetry) sys.canonical!(succ);
        sys.fingerprint(succ, fp);
        const owner = ownerOf(fp[0], fp[1], o.parts);
        const start = this.startOf.at(local);
        if (owner === o.part) {
          if (!this.insert(succ, fp[0], fp[1], node, t, start, open & same, same) && o.budget.cut !== null) break;
        } else if (this.sent.add(fp[0], fp[1])) out[owner].push(succ, fp[0], fp[1], node, t, start, open & same, same);
      }
    }
    return out.map((b) => b.build());
  }

  /** Store another part's successors of this level (call in the order of the parts). */
  absorb(b: Batch): void {
    walkBatch(b, this.packing, (s, meta, m) => {
      if (this.o.budget.cut !== null) return false;
      this.insert(s, meta[m], meta[m + 1], meta[m + 2], meta[m + 3], meta[m + 4], meta[m + 5], meta[m + 6]);
      return true;
    });
  }

  /** The level is made: it becomes the one to expand, and its report goes to the coordinator. */
  endLevel(): LevelReport {
    const report: LevelReport = {
      hits: [...this.hits].map(([claim, h]) => ({ claim, node: h.node, start: h.start, starts: [...h.starts] })),
      nextStates: this.next.length,
    };
    this.hits = new Map();
    this.states.release();
    [this.states, this.next] = [this.next, this.states];
    this.nodes = this.nextNodes;
    this.opens = this.nextOpens;
    this.next = packedLevel(this.packing, this.pool);
    this.nextNodes = new IntList(64);
    this.nextOpens = new IntList(64);
    this.depth++;
    return report;
  }

  /** The parent node and the thread that led from it, of a node this part owns. */
  link(node: number): { parent: number; via: number } {
    const local = (node - this.o.part) / this.o.parts;
    return { parent: this.parent.at(local), via: this.via.at(local) };
  }

  get stored(): number {
    return this.seen.size;
  }

  /** Store a successor (or start) unless known; false when it was known or there was no room. */
  private insert(s: S, hi: number, lo: number, from: number, thread: number, start: number, inherited: number, same: number): boolean {
    // Added before the budget is asked: once it says no, the search is over and the set no longer matters.
    if (!this.seen.add(hi, lo)) return false;
    if (!this.o.budget.take()) return false;
    if (++this.sinceGuard >= GUARD_EVERY) {
      this.sinceGuard = 0;
      if (this.o.memoryExhausted?.()) this.o.budget.setCut('memory');
    }
    const local = this.parent.length;
    const node = local * this.o.parts + this.o.part;
    this.parent.push(from);
    this.via.push(thread);
    this.startOf.push(start);
    const asked = this.active & ~same;
    const broken = asked === 0 ? 0 : this.sys.broken(s, asked);
    const rest = this.active & ~same & ~broken;
    const breakable = rest === 0 || !this.o.pruning || this.sys.stillBreakable === undefined ? rest : this.sys.stillBreakable(s, rest);
    this.next.push(s);
    this.nextNodes.push(node);
    this.nextOpens.push(inherited | breakable);
    for (let c = 0; broken >>> c !== 0; c++) {
      if ((broken & (1 << c)) === 0) continue;
      const h = this.hits.get(c);
      if (h === undefined) this.hits.set(c, { node, start, starts: new Set([start]) });
      else h.starts.add(start);
    }
    return true;
  }
}
