/** The whole model state: one flat array of small integers, laid out by Layout. */
export type State = Int16Array;

export function cloneState(s: State): State {
  return s.slice();
}

export function statesEqual(a: State, b: State): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
