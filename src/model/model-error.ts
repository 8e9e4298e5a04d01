/**
 * The model did something the kernel cannot: a thread released a lock it
 * does not hold. A variant that passed its load checks (variants/check-variant.ts)
 * cannot get here; a path or a mutant can. The message names the path and
 * its step; the CLI prints it in one line.
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';
}
