import type { Claim } from '../../src/claims/claim';
import { CONCURRENT_OPS } from '../../src/model/ops';
import { userThreadsFinished } from '../../src/model/step';
import { initialState, modelFor } from '../../src/run/initial-state';
import { bfs } from '../../src/search/engine/bfs';
import { familyScenarios } from '../../src/search/explore/family';
import { stateSystem } from '../../src/search/kernel/kernel-system';
import type { Variant } from '../../src/variants/variant';

/** A claim of the tests only: no lock word is ever out of range, and every one is free once every thread but jbd2 has finished. */
const LOCKS_BALANCED: Claim = {
  name: 'no-deadlock', doc: 'every lock in range, and free at the end', needs: [],
  check: (s, m) => {
    for (const { name, word } of m.locks) {
      if (s[word] < -1 || s[word] > m.layout.threads) return `${name} is ${s[word]}`;
      if (userThreadsFinished(s, m) && s[word] !== 0) return `${name} is still ${s[word]} after every thread finished`;
    }
    return null;
  },
};

/** LOCKS_BALANCED over every interleaving of a one-page family of the variant under data=ordered: the states, and the steps to a break or null. */
export function locksBalanced(v: Variant, blocksPerPage: 1 | 2, threads: number): { states: number; broken: number | null } {
  const family = { variant: v.name, blocksPerPage, pages: 1, mount: 'data=ordered' as const, ops: CONCURRENT_OPS, threads };
  const models = new Map<number, ReturnType<typeof modelFor>>();
  const starts = [...familyScenarios(family)].map((sc) => {
    const m = modelFor(sc, v);
    models.set(m.layout.size, m);
    return initialState(m, sc);
  });
  const r = bfs(stateSystem([LOCKS_BALANCED], (s) => models.get(s.length)!, () => starts), { maxStates: 5_000_000 });
  return { states: r.states, broken: r.outcomes[0].steps };
}
