import type { BfsCut } from './bfs';
import { FingerprintSet } from './fingerprint-set';
import { ChunkPool, IntList, packedLevel, type Level } from './levels';
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

/**
 * The successors one part sends another in a level: states encoded as
 * bytes (word-codec.ts) and META words each, in chunks of shared memory that the sending part
 * keeps and fills again the next level (by then the receiver has absorbed
 * them: a level starts only when every part has reported the last one).
 * Shared, so that nothing is copied between threads and no fresh memory is
 * touched each level (the kernel's zeroing of fresh pages made writing a
 * batch three times slower).
 */
export interface Batch {
  readonly words: readonly Int8Array[];
  /** Bytes used of each chunk of `words`: a state never straddles two. */
  readonly used: readonly number[];
  readonly meta: readonly Int32Array[];
  readonly count: number;
}
/** Per successor sent: fingerprint (2 words), parent node, thread, start, open claims inherited, claims the step left unaffected, bytes. */
const META = 8;
/** Bytes of a chunk of states (4 MiB), and successors in a chunk of META words (1 MiB). */
const WORD_CHUNK = 1 << 22;
const META_CHUNK = 1 << 15;

const CUTS: readonly BfsCut[] = ['states', 'memory', 'deadline', 'depth'];

/**
 * The distinct states every part may store together, and why the search
 * was cut: two words of shared memory, so parts on other threads see one
 * count and one cut.
 */
export class StateBudget {
  private readonly words: Int32Array;

  constructor(readonly maxStates: number, shared = new SharedArrayBuffer(8)) {
    this.words = new Int32Array(shared);
  }

  get buffer(): SharedArrayBuffer {
    return this.words.buffer as SharedArrayBuffer;
  }

  /** Take room for one more state; false (and the cut 'states') when there is none, or when the search was cut. */
  take(): boolean {
    if (this.cut !== null) return false;
    if (Atomics.add(this.words, 0, 1) < this.maxStates) return true;
    Atomics.sub(this.words, 0, 1);
    this.setCut('states');
    return false;
  }

  get stored(): number {
    return Atomics.load(this.words, 0);
  }

  get cut(): BfsCut | null {
    const c = Atomics.load(this.words, 1);
    return c === 0 ? null : CUTS[c - 1];
  }

  setCut(c: BfsCut): void {
    Atomics.compareExchange(this.words, 1, 0, CUTS.indexOf(c) + 1);
  }
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
    let chunk = 0;
    let at = 0;
    for (let i = 0; i < b.count && this.o.budget.cut === null; i++) {
      const meta = b.meta[Math.floor(i / META_CHUNK)];
      const m = (i % META_CHUNK) * META;
      const size = meta[m + 7];
      if (at + size > b.used[chunk]) {
        chunk++;
        at = 0;
      }
      const s = this.packing.read(b.words[chunk], at);
      at += size;
      this.insert(s, meta[m], meta[m + 1], meta[m + 2], meta[m + 3], meta[m + 4], meta[m + 5], meta[m + 6]);
    }
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

/** A part's batch for one other part: its chunks of shared memory, filled again each level. */
class BatchBuilder<S> {
  private readonly words: Int8Array[] = [];
  private readonly used: number[] = [];
  private readonly meta: Int32Array[] = [];
  private chunk = -1;
  private count = 0;

  constructor(private readonly packing: Packing<S>) {}

  reset(): void {
    this.chunk = -1;
    this.count = 0;
    this.used.fill(0);
  }

  push(s: S, hi: number, lo: number, from: number, thread: number, start: number, inherited: number, same: number): void {
    if (this.chunk < 0 || this.used[this.chunk] + this.packing.maxBytes(s) > WORD_CHUNK) {
      this.chunk++;
      if (this.chunk === this.words.length) {
        this.words.push(new Int8Array(new SharedArrayBuffer(WORD_CHUNK)));
        this.used.push(0);
      }
    }
    const size = this.packing.write(s, this.words[this.chunk], this.used[this.chunk]);
    this.used[this.chunk] += size;
    const k = Math.floor(this.count / META_CHUNK);
    if (k === this.meta.length) this.meta.push(new Int32Array(new SharedArrayBuffer(4 * META * META_CHUNK)));
    const m = this.meta[k];
    const at = (this.count % META_CHUNK) * META;
    m[at] = hi;
    m[at + 1] = lo;
    m[at + 2] = from;
    m[at + 3] = thread;
    m[at + 4] = start;
    m[at + 5] = inherited;
    m[at + 6] = same;
    m[at + 7] = size;
    this.count++;
  }

  /** The batch as filled this level (its chunks are shared, not copied). */
  build(): Batch {
    const n = this.chunk + 1;
    return { words: this.words.slice(0, n), used: this.used.slice(0, n), meta: this.meta.slice(0, Math.ceil(this.count / META_CHUNK)), count: this.count };
  }
}

/** Slots of the cache of fingerprints sent (2^18: 2 MiB a part; 2^15 sent more states again, 2^20 missed the cache more). */
const SENT_SLOTS = 1 << 18;

/**
 * The fingerprints this part sent other parts lately: a successor another
 * part owns is mostly one already sent (most transitions reach a known
 * state), and sending it again would copy it, to be dropped there. Lossy
 * (a slot keeps the last fingerprint that fell in it), so its memory is
 * fixed; a state it forgets is sent again, and the owner drops it.
 */
class SentCache {
  private readonly slots = new Uint32Array(2 * SENT_SLOTS);

  /** Remember (hi, lo); false if it was remembered already. */
  add(hi: number, lo: number): boolean {
    const i = 2 * ((lo ^ Math.imul(hi, 0x85ebca6b)) & (SENT_SLOTS - 1));
    if (this.slots[i] === hi >>> 0 && this.slots[i + 1] === lo >>> 0) return false;
    this.slots[i] = hi;
    this.slots[i + 1] = lo;
    return true;
  }
}
