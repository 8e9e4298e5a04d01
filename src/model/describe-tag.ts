import { T_OP } from './layout';
import type { Model } from './model';
import { PROGRAM_OPS } from './ops';
import type { State } from './state';
import { TAG_FOO_OLD, TAG_FOO_OLD_DIRTY, TAG_ZERO, tagThread } from './tags';

/** Whose data a tag is, in words: "zeros", "foo's old data", "bar's data (thread 3)". */
export function describeTag(tag: number, s: State, m: Model): string {
  if (tag === TAG_ZERO) return 'zeros';
  if (tag === TAG_FOO_OLD) return "foo's old data";
  if (tag === TAG_FOO_OLD_DIRTY) return "foo's old dirty data";
  const thread = tagThread(tag);
  if (thread < 0 || thread >= m.layout.threads) return `unknown data #${tag}`;
  const op = PROGRAM_OPS[s[m.layout.thread(thread) + T_OP]];
  return op === 'barWrite' ? `bar's data (thread ${thread})` : `the data of ${op} (thread ${thread})`;
}

export function opOf(s: State, m: Model, thread: number): string {
  return PROGRAM_OPS[s[m.layout.thread(thread) + T_OP]];
}
