import type { ClaimName } from '../claims/claim';
import { CLAIMS } from '../claims/claims';
import { fingerprint } from '../model/fingerprint';
import type { Model } from '../model/model';
import { cloneState, newState, type State } from '../model/state';
import { isEnabled, stepFootprint, takeStep } from '../model/step';
import { Layout } from '../model/layout';
import { initialState, modelFor } from '../run/initial-state';
import { type Scenario, threadCount } from '../run/scenario';
import type { Variant } from '../variants/variant';
import type { System } from './bfs';

/**
 * The simulated kernel as a system for the explorer: one start per scenario,
 * taken from `scenarios` as the search asks for it (once), claims in the
 * order given. A state is the bare array; its model is found
 * from its length, since within one family the layout depends only on the
 * number of threads (the caller keeps geometry and mount fixed). `patch`
 * changes the model's code, for the model mutants of src/mutants only.
 */
export function kernelSystem(
  variant: Variant, scenarios: Iterable<Scenario>, claims: readonly ClaimName[], patch: (m: Model) => Model = (m) => m,
): System<State> {
  const checks = claims.map((c) => CLAIMS[c]);
  // Models by state length, made as the starts are met: a family may be too large to list before the search starts.
  const models: Model[] = [];
  const modelOf = (sc: Scenario): Model => {
    const size = new Layout({ blocksPerPage: sc.blocksPerPage, pages: sc.pages }, threadCount(sc)).size;
    const known = models[size];
    if (known === undefined) return (models[size] = patch(modelFor(sc, variant)));
    if (known.layout.threads !== threadCount(sc) || known.mount !== sc.mount || known.layout.blocksPerPage !== sc.blocksPerPage) {
      throw new Error('kernelSystem: one family must share geometry and mount policy');
    }
    return known;
  };
  // Scratch states by length: one for the successor being made, one for the stored state being read.
  const successors: State[] = [];
  const readBack: State[] = [];
  return {
    claims: claims.length,
    *starts() {
      for (const sc of scenarios) yield initialState(modelOf(sc), sc);
    },
    threads: (s) => models[s.length].layout.threads,
    enabled: (s, t) => isEnabled(s, models[s.length], t),
    step(s, t) {
      const next = cloneState(s);
      takeStep(next, models[s.length], t);
      return next;
    },
    fingerprint: (s) => fingerprint(s),
    footprint: (s, t) => stepFootprint(s, models[s.length], t),
    packing: {
      stepScratch(s, t) {
        const next = (successors[s.length] ??= newState(s.length));
        for (let i = 0; i < s.length; i++) next[i] = s[i];
        takeStep(next, models[s.length], t);
        return next;
      },
      size: (s) => s.length,
      write(s, into, at) {
        for (let i = 0; i < s.length; i++) into[at + i] = s[i];
      },
      read(from, at, size) {
        const s = (readBack[size] ??= newState(size));
        for (let i = 0; i < size; i++) s[i] = from[at + i];
        return s;
      },
    },
    broken(s, active) {
      const m = models[s.length];
      let bits = 0;
      for (let c = 0; c < checks.length; c++) if ((active & (1 << c)) !== 0 && checks[c](s, m) !== null) bits |= 1 << c;
      return bits;
    },
  };
}
