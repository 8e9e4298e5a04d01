import type { Program } from '../model/program';
import type { Region } from '../variants/variant';
import { regionEnds } from './regions';

const mainSteps = (p: Program) => p.steps.slice(0, p.mainLength ?? p.steps.length);

/**
 * A region of a path as it lies in another program of that path (the
 * write(2) from a mapping of foo beside the plain write, the read(2) into
 * one beside the plain read: model/ops.ts PROGRAM_OPS), or null where that
 * program lacks its steps (the loader has checked that some program of the
 * path has them: variants/step-checks.ts). A region over the whole of the
 * plain program, its first step to its last, is the whole of the other:
 * "all of write(2)" takes in the fault-in of its buffer, where such a write
 * starts (5.15 mm/filemap.c generic_perform_write faults the buffer in
 * before write_begin, with i_rwsem held), and all of read(2) the fault of
 * its copy. Any other region keeps its steps by name.
 */
export function regionInProgram(r: Region, plain: Program, p: Program): Region | null {
  const [first, last] = [mainSteps(plain)[0].name, mainSteps(plain).at(-1)!.name];
  const whole = p !== plain && r.from === first && r.to === last;
  const placed = whole ? { ...r, from: mainSteps(p)[0].name, to: mainSteps(p).at(-1)!.name } : r;
  return 'problem' in regionEnds(p, placed) ? null : placed;
}
