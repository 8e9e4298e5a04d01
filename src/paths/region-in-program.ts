import type { Program } from '../model/program';
import type { Region } from '../variants/variant';
import { regionEnds } from './regions';

const mainSteps = (p: Program) => p.steps.slice(0, p.mainLength ?? p.steps.length);

/**
 * A region of a path as it lies in another program of that path (the
 * write(2) from a mapping of foo beside the plain write: model/ops.ts
 * PROGRAM_OPS), or null where that program lacks its steps (the loader
 * has checked that some program of the path has them: variants/step-checks.ts). A region from
 * the plain program's first step starts at the other's first step, and one
 * to its last step ends at the other's last: "from the start of write(2)"
 * takes in the fault-in of the buffer, which is where such a write starts
 * (5.15 mm/filemap.c generic_perform_write faults the buffer in before
 * write_begin, with i_rwsem held).
 */
export function regionInProgram(r: Region, plain: Program, p: Program): Region | null {
  if (p === plain) return 'problem' in regionEnds(p, r) ? null : r;
  const [first, last] = [mainSteps(plain)[0].name, mainSteps(plain).at(-1)!.name];
  const moved = {
    ...r,
    from: r.from === first ? mainSteps(p)[0].name : r.from,
    to: r.to === last ? mainSteps(p).at(-1)!.name : r.to,
  };
  return 'problem' in regionEnds(p, moved) ? null : moved;
}
