import { T_PC } from '../model/layout';
import type { Program, Step } from '../model/program';
import type { State } from '../model/state';
import type { Variant } from '../variants/variant';
import { counterWord, recheckWords } from '../variants/variant-words';
import type { Model } from '../model/model';

/** Counters count modulo this: a sampled value equals the current one only if no bump, or a multiple of this many, came between. */
export const COUNTER_MODULUS = 8;

/** The index of the step named `name` in a program's main flow, once, or why not. */
export function stepIndex(p: Program, name: string): number | string {
  const main = p.steps.slice(0, p.mainLength ?? p.steps.length).map((s) => s.name);
  const first = main.indexOf(name);
  if (first < 0) return `"${name}" is not a step of ${p.op} (its steps: ${[...new Set(main)].join(', ')})`;
  if (main.indexOf(name, first + 1) >= 0) return `"${name}" names more than one step of ${p.op}`;
  return first;
}

/** A program whose steps named `step` (wherever they are) also bump counter k, in the same atomic step. */
export function withBump(p: Program, step: string, k: number, v: Variant): Program {
  const word = counterWord(v, k);
  const steps = p.steps.map((s): Step => (s.name !== step ? s : {
    ...s,
    effect: (st, t, m) => {
      s.effect(st, t, m);
      st[word] = (st[word] + 1) % COUNTER_MODULUS;
    },
  }));
  return { ...p, steps };
}

/**
 * A program with recheck k: its `sample` step, after its own effect, keeps
 * the counter in the thread; its `check` step, before its own effect,
 * compares, and on a change (with retries left) goes back to the `retry`
 * step instead of running, counting the retry. Check and use are one step,
 * as XFS checks the mapping with the folio locked and uses it under that
 * lock. Past the last retry the step runs on a stale sample, as a bounded
 * model must. The retry target is a label, so later regions move it.
 */
export function withRecheck(p: Program, k: number, v: Variant): Program {
  const r = v.rechecks[k];
  const word = counterWord(v, v.counters.indexOf(r.counter));
  const [sample, check, retry] = [r.sample, r.check, r.retry].map((n) => stepIndex(p, n) as number);
  const target = { pc: retry, name: `recheck-${k}-retry` };
  const words = (m: Model) => recheckWords(m.layout, k);
  const steps = p.steps.map((s, i): Step => {
    if (i === sample) {
      return { ...s, effect: (st, t, m) => {
        s.effect(st, t, m);
        st[t + words(m).sample] = st[word];
      } };
    }
    if (i === check) {
      return { ...s, effect: (st: State, t, m) => {
        const { sample: at, retries } = words(m);
        if (st[t + at] !== st[word] && st[t + retries] < r.retries) {
          m.note?.(`${r.counter} is ${st[word]}, ${st[t + at]} when sampled: back to ${r.retry} instead`);
          st[t + retries]++;
          st[t + T_PC] = target.pc;
          return;
        }
        s.effect(st, t, m);
      } };
    }
    return s;
  });
  return { ...p, steps, labels: [...(p.labels ?? []), target] };
}
