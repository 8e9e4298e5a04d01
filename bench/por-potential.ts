/**
 * What a partial-order reduction with fine footprints could save on one
 * family, at most (issue 20, item 3): an estimate to decide whether one is
 * worth building, not a reduction to trust.
 *
 * First the whole family is searched breadth-first, and every step taken is
 * run once more on a recording proxy of its state: the words its guard and
 * effect read and write, per thread, operation, arguments and program
 * counter (its footprint), and the words the claims read. A program
 * counter counts as written only by a thread's last step, since other
 * threads and the claims read it only as "finished" (isFinished). Then the
 * family is searched again with single-thread ample sets: at each state the
 * first enabled thread whose next step (1) writes no word a claim reads
 * (visibility; off with --visibility off), (2) conflicts with no step any
 * other unfinished thread may still take (every step of its program, or
 * with --future ahead only those at or after its program counter, which
 * ignores loops), and (3) leads to a state not seen yet (the proviso of a
 * breadth-first search), is the only one expanded. The footprints are word
 * by word and learned from what the full search took, so the figure is an
 * upper bound for footprints of that granularity, not a sound reduction.
 *
 * Usage: npm run bench -- por [--variant V --mount M --pages N --threads N --blocks-per-page B --future all|ahead --visibility on|off]
 */
import { CLAIM_NAMES } from '../src/claims/claim';
import { CLAIMS } from '../src/claims/index';
import { chooseVariants, integer, oneOf, parseOptions } from '../src/cli/options';
import { orExit } from '../src/cli/run-cli';
import { fingerprint64 } from '../src/model/fingerprint';
import { T_ARG0, T_ARG1, T_OP, T_PC } from '../src/model/layout';
import type { Model } from '../src/model/model';
import { MOUNTS } from '../src/model/mount';
import { CONCURRENT_OPS } from '../src/model/ops';
import type { State } from '../src/model/state';
import { isEnabled, isFinished, takeStep } from '../src/model/step';
import { initialState, modelFor } from '../src/run/initial-state';
import { FingerprintSet } from '../src/search/engine/fingerprint-set';
import { familyScenarios } from '../src/search/explore/family';

const o = orExit('bench por', {
  summary: 'an upper bound on what single-thread ample sets with word-level footprints would save on one family',
  usage: 'npx punch-hunt bench por [options]   (alias: npm run bench -- por [options])',
  options: {
    variant: 'a built-in variant', mount: 'data=ordered or data=writeback', pages: '1 to 3', threads: 'threads beside the punch, 1 to 3',
    'blocks-per-page': '1 or 2', future: 'all (every step of another thread\'s program) or ahead (from its program counter on)', visibility: 'on or off',
  },
  example: 'npx punch-hunt bench por --pages 1 --threads 2',
}, () => {
  const { values } = parseOptions(process.argv.slice(2), {
    variant: { type: 'string', default: 'ext4-5.15' }, mount: { type: 'string', default: 'data=writeback' },
    pages: { type: 'string', default: '2' }, threads: { type: 'string', default: '2' }, 'blocks-per-page': { type: 'string', default: '1' },
    future: { type: 'string', default: 'all' }, visibility: { type: 'string', default: 'on' },
  });
  return {
    variant: chooseVariants(values.variant, undefined)[0], mount: oneOf(values.mount, MOUNTS, '--mount'),
    pages: integer(values.pages, '--pages', 1, 3), threads: integer(values.threads, '--threads', 1, 3),
    blocksPerPage: integer(values['blocks-per-page'], '--blocks-per-page', 1, 2) as 1 | 2,
    future: oneOf(values.future, ['all', 'ahead'] as const, '--future'), visibility: oneOf(values.visibility, ['on', 'off'] as const, '--visibility'),
  };
});

/** Word sets as bitsets: a state has at most 255 words. */
const WORDS = 8;
type Words = Uint32Array;
const noWords = (): Words => new Uint32Array(WORDS);
const addAll = (into: Words, from: Words): void => { for (let i = 0; i < WORDS; i++) into[i] |= from[i]; };
const meet = (a: Words, b: Words): boolean => { for (let i = 0; i < WORDS; i++) if ((a[i] & b[i]) !== 0) return true; return false; };
const drop = (w: Words, i: number): void => { w[i >> 5] &= ~(1 << (i & 31)); };

/** Run `f` on a proxy of a copy of s, recording the words read and written. */
function recorded(s: State, f: (p: State) => void): { reads: Words; writes: Words; after: State } {
  const reads = noWords();
  const writes = noWords();
  const copy = s.slice();
  const word = (k: string | symbol): number => (typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : -1);
  f(new Proxy(copy, {
    get(t, k) { const i = word(k); if (i >= 0) reads[i >> 5] |= 1 << (i & 31); return Reflect.get(t, k); },
    set(t, k, v) { const i = word(k); if (i >= 0) writes[i >> 5] |= 1 << (i & 31); return Reflect.set(t, k, v); },
  }));
  return { reads, writes, after: copy };
}

const scenarios = [...familyScenarios({ variant: o.variant.name, blocksPerPage: o.blocksPerPage, pages: o.pages, mount: o.mount, ops: CONCURRENT_OPS, threads: o.threads })];
const models = new Map<number, Model>();
const starts = scenarios.map((sc) => {
  const m = modelFor(sc, o.variant);
  models.set(m.layout.size, m);
  return initialState(m, sc);
});
const modelOf = (s: State): Model => models.get(s.length)!;
// no-deadlock needs no visibility: ample sets that are persistent keep every state where no thread can move.
const judged = CLAIM_NAMES.filter((c) => c !== 'no-deadlock').map((c) => CLAIMS[c]);
const footprints = new Map<string, { reads: Words; writes: Words }>();
const claimReads = new Map<number, Words>();

const stepKey = (s: State, m: Model, u: number, pc: number): string => {
  const b = m.layout.thread(u);
  return `${s.length}:${u}:${s[b + T_OP]}:${s[b + T_ARG0]}:${s[b + T_ARG1]}:${pc}`;
};

function learn(s: State, m: Model, t: number): void {
  const pcWord = m.layout.thread(t) + T_PC;
  const f = recorded(s, (p) => {
    isEnabled(p, m, t);
    takeStep(p, m, t);
  });
  if (!isFinished(f.after, m, t)) drop(f.writes, pcWord);
  const key = stepKey(s, m, t, s[pcWord]);
  const known = footprints.get(key);
  if (known === undefined) footprints.set(key, { reads: f.reads, writes: f.writes });
  else {
    addAll(known.reads, f.reads);
    addAll(known.writes, f.writes);
  }
  const seen = claimReads.get(s.length) ?? noWords();
  addAll(seen, recorded(s, (p) => { for (const c of judged) c.check(p, m); }).reads);
  claimReads.set(s.length, seen);
}

/** Whether thread t's next step alone is an ample set at s (before the proviso). */
function ampleAlone(s: State, m: Model, t: number, why: Record<string, number>): boolean {
  const a = footprints.get(stepKey(s, m, t, s[m.layout.thread(t) + T_PC]));
  if (a === undefined) return false;
  if (o.visibility === 'on' && meet(a.writes, claimReads.get(s.length)!)) return (why.visible++, false);
  for (let u = 0; u < m.layout.threads; u++) {
    if (u === t || isFinished(s, m, u)) continue;
    const b = m.layout.thread(u);
    const steps = m.programs[s[b + T_OP]].steps.length;
    for (let pc = o.future === 'ahead' ? s[b + T_PC] : 0; pc < steps; pc++) {
      const g = footprints.get(stepKey(s, m, u, pc));
      if (g !== undefined && (meet(g.writes, a.reads) || meet(g.writes, a.writes) || meet(g.reads, a.writes))) return (why.dependent++, false);
    }
  }
  return true;
}

function search(reduce: boolean): { states: number; transitions: number; why: Record<string, number>; secs: number } {
  const t0 = performance.now();
  const seen = new FingerprintSet(1 << 16);
  const fp = new Uint32Array(2);
  const why = { visible: 0, dependent: 0, proviso: 0, ample: 0 };
  let transitions = 0;
  const fresh = (s: State): boolean => (fingerprint64(s, fp), seen.add(fp[0], fp[1]));
  let level = starts.filter(fresh);
  while (level.length > 0) {
    const next: State[] = [];
    for (const s of level) {
      const m = modelOf(s);
      const enabled = [...Array(m.layout.threads).keys()].filter((u) => isEnabled(s, m, u));
      const chosen = reduce && enabled.length > 1 ? enabled.find((t) => ampleAlone(s, m, t, why) && provisoHolds(s, m, t, why)) : undefined;
      if (chosen !== undefined) why.ample++;
      for (const t of chosen === undefined ? enabled : [chosen]) {
        if (!reduce) learn(s, m, t);
        const succ = s.slice();
        takeStep(succ, m, t);
        transitions++;
        if (fresh(succ)) next.push(succ);
      }
    }
    level = next;
  }
  return { states: seen.size, transitions, why, secs: (performance.now() - t0) / 1000 };

  function provisoHolds(s: State, m: Model, t: number, why: Record<string, number>): boolean {
    const succ = s.slice();
    takeStep(succ, m, t);
    fingerprint64(succ, fp);
    return seen.has(fp[0], fp[1]) ? (why.proviso++, false) : true;
  }
}

const full = search(false);
const reduced = search(true);
console.log(`${o.variant.name} ${o.mount} B=${o.blocksPerPage}, ${o.pages} page(s), up to ${o.threads} thread(s) beside the punch, no symmetry:`);
console.log(`full: ${full.states} states, ${full.transitions} transitions (${full.secs.toFixed(1)} s, footprints recorded)`);
console.log(`ample sets (future ${o.future}, visibility ${o.visibility}): ${reduced.states} states, ${reduced.transitions} transitions (${reduced.secs.toFixed(1)} s); `
  + `${(full.states / reduced.states).toFixed(2)} times fewer states at most`);
console.log(`a single thread was expanded at ${reduced.why.ample} states; candidates refused as visible ${reduced.why.visible}, dependent ${reduced.why.dependent}, by the proviso ${reduced.why.proviso}`);
