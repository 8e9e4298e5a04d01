import { ScenarioError } from '../run/scenario';
import { ScheduleError } from '../schedulers/replay';
import { VariantError } from '../variants/resolve-variant';

/**
 * Control characters (newlines, terminal escape sequences) and the Unicode
 * bidirectional controls (which reorder what a terminal or browser shows,
 * the "Trojan Source" trick) shown as \uXXXX: anything a file or an
 * argument carries must stay one line that cannot drive the terminal or
 * disguise itself.
 */
export const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A mistake in what the user gave us: reported in one line naming the file and field, exit code 2. */
export class UserError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${printable(file)}: ${printable(field)}: ${printable(problem)}`);
  }
}

/** Turn the model's own validation errors into user errors about `file`. */
export function asUserError(e: unknown, file: string): unknown {
  if (e instanceof VariantError) return new UserError(file, e.field === 'variant' ? 'scenario.variant' : `variant.${e.field}`, e.problem);
  if (e instanceof ScenarioError) return new UserError(file, `scenario.${e.field}`, e.problem);
  if (e instanceof ScheduleError) return new UserError(file, `schedule.${e.index}`, e.problem);
  return e;
}
