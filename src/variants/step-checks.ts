import { OP } from '../model/ops';
import { BLOCK_LOOKUPS } from '../paths/lock-sites';
import { programsWithoutRegions } from '../paths/programs';
import { stepIndex } from '../paths/rechecks';
import { regionEnds } from '../paths/regions';
import { regionInProgram } from '../paths/region-in-program';
import { isVariantLock } from './lock-table';
import type { Variant } from './variant';
import { VariantError } from './variant-error';

/*
 * The checks of a variant that name steps of its paths (regions, bumps,
 * rechecks): they look the steps up in the programs the variant's code and
 * sites make, before any region is placed. Each throws a VariantError
 * naming the field.
 */

/** Counters named once and not as locks; bumps and rechecks of declared counters at steps of their paths, in order. */
export function rechecksProblem(v: Variant): void {
  v.counters.forEach((c, k) => {
    if (isVariantLock(v.newLocks, c) || v.counters.indexOf(c) !== k) throw new VariantError(`counters.${k}`, `"${c}" is a lock's name or declared twice`);
  });
  if (v.bumps.length === 0 && v.rechecks.length === 0) return;
  const programs = programsWithoutRegions(v);
  const known = (counter: string, field: string) => {
    if (!v.counters.includes(counter)) throw new VariantError(field, `unknown counter "${counter}" (declare it in "counters")`);
  };
  v.bumps.forEach((b, i) => {
    known(b.counter, `bumps.${i}.counter`);
    const p = programs[OP[b.path]];
    if (!p.steps.some((s) => s.name === b.step)) throw new VariantError(`bumps.${i}.step`, `"${b.step}" is not a step of ${b.path} (its steps: ${[...new Set(p.steps.map((s) => s.name))].join(', ')})`);
  });
  v.rechecks.forEach((r, i) => {
    known(r.counter, `rechecks.${i}.counter`);
    const p = programs[OP[r.path]];
    const at = (field: 'sample' | 'check' | 'retry'): number => {
      const k = stepIndex(p, r[field]);
      if (typeof k === 'string') throw new VariantError(`rechecks.${i}.${field}`, k);
      return k;
    };
    const [sample, check, retry] = [at('sample'), at('check'), at('retry')];
    if (!BLOCK_LOOKUPS.has(r.sample)) throw new VariantError(`rechecks.${i}.sample`, `"${r.sample}" is not a block lookup (${[...BLOCK_LOOKUPS].join(', ')}): a sample is taken where the mapping is`);
    if (check <= sample) throw new VariantError(`rechecks.${i}.check`, `"${r.check}" does not come after "${r.sample}" in ${r.path}: a check follows its sample`);
    if (retry > check) throw new VariantError(`rechecks.${i}.retry`, `"${r.retry}" comes after "${r.check}" in ${r.path}: a retry goes back`);
    // A retry redoes the lookup and nothing else: no lock, handle, page or I/O step is run twice (the path's own state stays sane).
    const redone = p.steps.slice(retry, check).map((st) => st.name).filter((n) => !BLOCK_LOOKUPS.has(n));
    if (redone.length > 0) throw new VariantError(`rechecks.${i}.retry`, `from "${r.retry}" to "${r.check}" ${r.path} runs ${redone.join(', ')}, which a retry would run again: only block lookups may lie between`);
  });
}

/**
 * A region whose ends are not steps of its path's main flow, in order, is
 * an error naming the field: of the plain program of the path, or of
 * another program of it (the fault-in of write(2) from a mapping of foo:
 * paths/region-in-program.ts).
 */
export function regionsProblem(v: Variant): void {
  if (v.regions.length === 0) return;
  const programs = programsWithoutRegions(v);
  v.regions.forEach((r, i) => {
    const plain = programs[OP[r.path]];
    if (programs.some((p) => p.op === r.path && regionInProgram(r, plain, p) !== null)) return;
    const ends = regionEnds(plain, r);
    if ('problem' in ends) throw new VariantError(`regions.${i}.${ends.field}`, ends.problem);
  });
}
