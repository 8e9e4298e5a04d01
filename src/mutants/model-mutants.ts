import { T_ARG0, T_ARG1 } from '../model/layout';
import type { Model } from '../model/model';
import { OP } from '../model/ops';
import type { Step } from '../model/program';
import { MUTANT_PREFIX } from './mutant-base';

/**
 * Mutants of the model's code rather than of a variant: a variant can only
 * move the punch's steps and the paths' locks, and no such change loses a
 * write outside the punched range (results/MUTANTS.md), because what protects those
 * blocks is in the truncation itself. These break that. Their cases cannot
 * be replayed on the real model, so the mutants table gives their shortest
 * lengths without a case file.
 */
export interface ModelMutant {
  readonly name: string;
  readonly change: string;
  readonly patch: (m: Model) => Model;
}

/** Replace every step called `name` in the program of operation `op` (an OP number). */
export function patchStep(m: Model, op: number, name: string, wrap: (step: Step) => Step): Model {
  const steps = m.programs[op].steps.map((st) => (st.name === name ? wrap(st) : st));
  if (steps.every((st, k) => st === m.programs[op].steps[k])) throw new RangeError(`patchStep: no step ${name} in operation ${op}`);
  return { ...m, programs: m.programs.map((p, i) => (i === op ? { ...p, steps } : p)) };
}

function patchPunchStep(m: Model, name: string, wrap: (step: Step) => Step): Model {
  return patchStep(m, OP.punch, name, wrap);
}

export const MODEL_MUTANTS: readonly ModelMutant[] = [
  {
    name: `${MUTANT_PREFIX}T-drops-partial-pages`,
    change: 'truncate_inode_pages_range drops a partly punched page whole (as if truncate_inode_partial_folio were skipped)',
    // The step sees the punched range widened to whole pages, so a partly punched page counts as inside it.
    patch: (m) => patchPunchStep(m, 'truncate_inode_pages_range', (st) => ({
      ...st,
      effect: (s, t, mm) => {
        const [start, end] = [s[t + T_ARG0], s[t + T_ARG1]];
        const B = mm.layout.blocksPerPage;
        s[t + T_ARG0] = Math.floor(start / B) * B;
        s[t + T_ARG1] = Math.ceil(end / B) * B;
        st.effect(s, t, mm);
        s[t + T_ARG0] = start;
        s[t + T_ARG1] = end;
      },
    })),
  },
];
