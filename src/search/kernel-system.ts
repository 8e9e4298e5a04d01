import type { ClaimName } from '../claims/claim';
import { CLAIMS } from '../claims/claims';
import { fingerprint } from '../model/fingerprint';
import type { Model } from '../model/model';
import { cloneState, type State } from '../model/state';
import { isEnabled, takeStep } from '../model/step';
import { initialState, modelFor } from '../run/initial-state';
import type { Scenario } from '../run/scenario';
import type { Variant } from '../variants/variant';
import type { System } from './bfs';

export interface KernelState {
  readonly m: Model;
  readonly s: State;
}

/** The simulated kernel as a system for the explorer: one start per scenario, claims in the order given. */
export function kernelSystem(variant: Variant, scenarios: readonly Scenario[], claims: readonly ClaimName[]): System<KernelState> {
  const checks = claims.map((c) => CLAIMS[c]);
  const models = new Map<number, Model>();
  const modelOf = (sc: Scenario) => {
    // One model per thread count: the layout depends on it, the programs do not.
    const key = sc.threads.length * 4 + sc.blocksPerPage * 2 + (sc.reuse === 'immediate' ? 0 : 1) + sc.pages * 1000;
    let m = models.get(key);
    if (m === undefined) {
      m = modelFor(sc, variant);
      models.set(key, m);
    }
    return m;
  };
  return {
    claims: claims.length,
    *starts() {
      for (const sc of scenarios) {
        const m = modelOf(sc);
        yield { m, s: initialState(m, sc) };
      }
    },
    threads: (x) => x.m.layout.threads,
    enabled: (x, t) => isEnabled(x.s, x.m, t),
    step(x, t) {
      const s = cloneState(x.s);
      takeStep(s, x.m, t);
      return { m: x.m, s };
    },
    fingerprint: (x) => fingerprint(x.s),
    broken(x, active) {
      let bits = 0;
      for (let c = 0; c < checks.length; c++) if ((active & (1 << c)) !== 0 && checks[c](x.s, x.m) !== null) bits |= 1 << c;
      return bits;
    },
  };
}
