import { readFileSync } from 'node:fs';
import { UserError } from './user-error';

/** Read and parse a JSON file, or a UserError naming it. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(file, '(file)', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(file, '(json)', 'not valid JSON');
  }
}
