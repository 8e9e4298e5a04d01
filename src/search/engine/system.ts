/**
 * A transition system the breadth-first engine can search: several starts,
 * threads that may be enabled, a deterministic step, a 64-bit fingerprint, and
 * claims checked on every state (bit c set when claim c is broken there).
 * The optional parts make the search cheaper without changing its
 * verdicts or shortest lengths; each says what it must guarantee.
 */
export interface System<S> {
  readonly claims: number;
  starts(): Iterable<S>;
  threads(s: S): number;
  enabled(s: S, thread: number): boolean;
  step(s: S, thread: number): S;
  /** The state's 64-bit fingerprint, as two 32-bit words into `out`: equal for equal states (and for a state and its canonical form). */
  fingerprint(s: S, out: Uint32Array): void;
  /** The claims among `claims` (a bit mask) that s breaks. */
  broken(s: S, claims: number): number;
  /**
   * Symmetry: put s in the canonical order of its orbit, in place, by
   * renaming interchangeable threads; when `perm` is given, set perm[i] to
   * the new number of thread i. The result must be a state with the same
   * future (renamed) and the same distance from its start, on which every
   * claim says the same.
   */
  canonical?(s: S, perm?: number[]): void;
  /** Of the claims in `claims`, those that some interleaving from s (which breaks none of them) may still break. */
  stillBreakable?(s: S, claims: number): number;
  /** The claims whose verdict and stillBreakable test thread's next step at s cannot change. */
  unaffected?(s: S, thread: number): number;
  /**
   * States as bytes (word-codec.ts), so a level of the search is a few
   * chunks of bytes instead of millions of small objects (which kept the
   * garbage collector at 40% of the time). With it, `stepScratch` gives the
   * successor in a scratch state the next call reuses, and `read` a stored
   * state in another scratch, so no state is allocated at all.
   */
  readonly packing?: Packing<S>;
}

export interface Packing<S> {
  stepScratch(s: S, thread: number): S;
  /** The most bytes `write` may take for s. */
  maxBytes(s: S): number;
  /** Encode s into `into` from `at`; the bytes written. */
  write(s: S, into: Int8Array, at: number): number;
  /** The state encoded at `at`, in a scratch valid until the next call. */
  read(from: Int8Array, at: number): S;
}
