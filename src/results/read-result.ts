import type { z } from 'zod';
import { UserError } from '../files/user-error';
import { readJsonInput } from '../files/input-file';

/** A JSON result file (a matrix, the mutants), read and validated; a UserError naming the file and the field. */
export function readResultFile<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(readJsonInput(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(file, issue.path.join('.') || '(root)', issue.message);
  }
  return parsed.data;
}

/** Whether a JSON result file's text says this command wrote it (its "generatedBy"). */
export function generatedBy(command: string): (text: string) => boolean {
  return (text) => {
    try {
      return (JSON.parse(text) as { generatedBy?: unknown }).generatedBy === command;
    } catch {
      return false;
    }
  };
}
