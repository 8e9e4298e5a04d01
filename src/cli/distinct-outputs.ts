import { resolve } from 'node:path';
import { UserError } from '../files/user-error';

/** Refuse two options that name the same file: one output would destroy the other. */
export function distinctOutputs(named: ReadonlyArray<readonly [flag: string, path: string]>): void {
  for (let i = 0; i < named.length; i++) {
    for (let j = 0; j < i; j++) {
      if (resolve(named[i][1]) === resolve(named[j][1])) {
        throw new UserError(named[i][1], named[i][0], `is also ${named[j][0]}: each output needs its own file`);
      }
    }
  }
}
