import type { Claim } from '../../src/claims/claim';
import { locksHeld } from '../../src/model/lock-ownership';
import type { Model } from '../../src/model/model';
import { CONCURRENT_OPS } from '../../src/model/ops';
import type { State } from '../../src/model/state';
import { userThreadsFinished } from '../../src/model/step';
import { initialState, modelFor } from '../../src/run/initial-state';
import { bfs } from '../../src/search/engine/bfs';
import { familyScenarios } from '../../src/search/explore/family';
import { stateSystem } from '../../src/search/kernel/kernel-system';
import type { Variant } from '../../src/variants/variant';

/** How many threads record holding the lock at `word` shared, and how many exclusive (model/lock-ownership.ts). */
function holders(s: State, m: Model, word: number): { shared: number; exclusive: number } {
  const held = Array.from({ length: m.layout.threads }, (_, i) => locksHeld(s, m, m.layout.thread(i))).flat().filter((h) => h.word === word);
  return { shared: held.filter((h) => h.mode === 'shared').length, exclusive: held.filter((h) => h.mode === 'exclusive').length };
}

/**
 * A claim of the tests only: no lock word is ever out of range, the
 * threads that record holding each lock are the ones its word counts, and
 * every lock is free once every thread but jbd2 has finished.
 */
const LOCKS_BALANCED: Claim = {
  name: 'no-deadlock', doc: 'every lock in range, and free at the end', needs: [],
  check: (s, m) => {
    for (const { name, word } of m.locks) {
      if (s[word] < -1 || s[word] > m.layout.threads) return `${name} is ${s[word]}`;
      if (userThreadsFinished(s, m) && s[word] !== 0) return `${name} is still ${s[word]} after every thread finished`;
      const h = holders(s, m, word);
      if (h.exclusive !== (s[word] === -1 ? 1 : 0) || h.shared !== Math.max(s[word], 0)) return `${name} is ${s[word]} but ${h.shared} threads hold it shared, ${h.exclusive} exclusive`;
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
