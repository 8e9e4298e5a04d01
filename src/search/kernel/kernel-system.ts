import type { Claim, ClaimName } from '../../claims/claim';
import { CLAIMS } from '../../claims/index';
import { fingerprint64 } from '../../model/fingerprint';
import { T_OP, T_PC } from '../../model/layout';
import type { Model } from '../../model/model';
import { cloneState, newState, type State } from '../../model/state';
import { isEnabled, takeStep } from '../../model/step';
import { initialState, modelFor } from '../../run/initial-state';
import { type Scenario, threadCount } from '../../run/scenario';
import type { Variant } from '../../variants/variant';
import { variantLayout } from '../../variants/variant-words';
import { realSchedule } from '../engine/schedules';
import type { System } from '../engine/system';
import { decodeWords, encodeWords, maxBytes, wordCount } from '../engine/word-codec';
import type { Coverage } from './coverage';
import { sortInterchangeable } from './thread-symmetry';

/**
 * The simulated kernel as a system for the engine: states are the bare
 * arrays, each with its model found by `modelOf`, claims in the order
 * given, and the claims' own pruning (stillBreakable, decidedBy) and the
 * thread symmetry of thread-symmetry.ts offered to the search.
 */
export function stateSystem(
  claims: readonly Claim[], modelOf: (s: State) => Model, starts: () => Iterable<State>, coverage?: Coverage,
): System<State> {
  // Every transition the search takes goes through here (stepScratch or step): counted when asked.
  const take = (next: State, m: Model, t: number): void => {
    if (coverage === undefined) {
      takeStep(next, m, t);
      return;
    }
    const base = m.layout.thread(t);
    coverage.step(next, base);
    takeStep(next, m, t);
    if (next[base + T_PC] >= m.programs[next[base + T_OP]].steps.length) coverage.finish(next[base + T_OP]);
    coverage.observe(next, m);
  };
  coverage?.track(claims);
  // Per operation, the claims whose verdict a step of it cannot change (a claim's decidedBy).
  const unaffectedByOp = (op: number): number =>
    claims.reduce((bits, c, k) => (c.decidedBy !== undefined && !c.decidedBy.has(op) ? bits | (1 << k) : bits), 0);
  const unaffected = new Map<number, number>();
  // Scratch states by length: one for the successor being made, one for the stored state being read.
  const successors: State[] = [];
  const readBack: State[] = [];
  return {
    claims: claims.length,
    starts,
    threads: (s) => modelOf(s).layout.threads,
    enabled: (s, t) => isEnabled(s, modelOf(s), t),
    step(s, t) {
      const next = cloneState(s);
      take(next, modelOf(s), t);
      return next;
    },
    fingerprint: (s, out) => fingerprint64(s, out),
    canonical: (s, perm) => sortInterchangeable(s, modelOf(s), perm),
    stillBreakable(s, open) {
      const m = modelOf(s);
      let bits = open;
      for (let c = 0; c < claims.length; c++) {
        const test = claims[c].stillBreakable;
        if ((open & (1 << c)) !== 0 && test !== undefined && !test(s, m)) bits &= ~(1 << c);
      }
      return bits;
    },
    unaffected(s, t) {
      const op = s[modelOf(s).layout.thread(t) + T_OP];
      let bits = unaffected.get(op);
      if (bits === undefined) unaffected.set(op, (bits = unaffectedByOp(op)));
      return bits;
    },
    packing: {
      stepScratch(s, t) {
        const next = (successors[s.length] ??= newState(s.length));
        for (let i = 0; i < s.length; i++) next[i] = s[i];
        take(next, modelOf(s), t);
        return next;
      },
      maxBytes: (s) => maxBytes(s.length),
      write: (s, into, at) => encodeWords(s, into, at),
      read(from, at) {
        const size = wordCount(from, at);
        const s = (readBack[size] ??= newState(size));
        decodeWords(from, at, s);
        return s;
      },
    },
    broken(s, active) {
      const m = modelOf(s);
      let bits = 0;
      for (let c = 0; c < claims.length; c++) if ((active & (1 << c)) !== 0 && claims[c].check(s, m) !== null) bits |= 1 << c;
      return bits;
    },
  };
}

/** One scenario's model and start, as a system: what a search of one scenario for one or a few claims needs. */
export function modelSystem(m: Model, initial: State, claims: readonly Claim[]): System<State> {
  return stateSystem(claims, () => m, () => [cloneState(initial)]);
}

/**
 * The simulated kernel as a system for the explorer: one start per
 * scenario, taken from `scenarios` as the search asks for it (once). A
 * state's model is found from its length, since within one family the
 * layout depends only on the number of threads (the caller keeps geometry
 * and mount fixed). `patch` changes the model's code, for the model
 * mutants of src/mutants only.
 */
export function kernelSystem(
  variant: Variant, scenarios: Iterable<Scenario>, claims: readonly ClaimName[], patch: (m: Model) => Model = (m) => m, coverage?: Coverage,
): System<State> {
  // Models by state length, made as the starts are met: a family may be too large to list before the search starts.
  const models: Model[] = [];
  const modelOf = (sc: Scenario): Model => {
    const size = variantLayout({ blocksPerPage: sc.blocksPerPage, pages: sc.pages }, threadCount(sc), variant).size;
    const known = models[size];
    if (known === undefined) return (models[size] = patch(modelFor(sc, variant)));
    if (known.layout.threads !== threadCount(sc) || known.mount !== sc.mount || known.layout.blocksPerPage !== sc.blocksPerPage) {
      throw new Error('kernelSystem: one family must share geometry and mount policy');
    }
    return known;
  };
  return stateSystem(claims.map((c) => CLAIMS[c]), (s) => models[s.length], function* () {
    for (const sc of scenarios) yield initialState(modelOf(sc), sc);
  }, coverage);
}

/** A schedule the engine found in a family with symmetry, renamed to the threads of scenario `sc`'s own run (engine/schedules.ts). */
export function scheduleOfRun(variant: Variant, sc: Scenario, schedule: readonly number[], symmetric: boolean): number[] {
  if (!symmetric) return [...schedule];
  const sys = kernelSystem(variant, [sc], []);
  const [start] = sys.starts();
  return realSchedule(sys, start, schedule, cloneState);
}
