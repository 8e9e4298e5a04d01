/**
 * The whole model state: one flat array of small integers, laid out by
 * Layout. A packed array of small integers (V8's PACKED_SMI_ELEMENTS) is
 * copied by slice() as one memcpy, about ten times faster than allocating a
 * typed array of the same length, and that copy is the explorer's inner loop.
 */
export type State = number[];

/** A zeroed state of `size` words, created packed so that it stays packed. */
export function newState(size: number): State {
  return Array.from({ length: size }, () => 0);
}

export function cloneState(s: State): State {
  return s.slice();
}

export function statesEqual(a: State, b: State): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
