import { describe, expect, it } from 'vitest';
import { locksHeld } from '../../src/model/lock-ownership';
import { G, T_PC } from '../../src/model/layout';
import { ModelError } from '../../src/model/model-error';
import { wordsFit } from '../../src/model/fingerprint';
import { takeStep } from '../../src/model/step';
import { resolveVariant } from '../../src/variants/resolve-variant';
import { scenario, setup } from '../helpers';

/** Run the punch alone, step by step, to its end or the first error. */
function punchAlone(punch: string[]): string {
  const v = resolveVariant({ name: 'unchecked', extends: 'ext4-5.15', punch }); // resolveVariant alone skips the load checks on purpose
  const { m, s0 } = setup(scenario({ variant: 'ext4-5.15' }), v);
  const s = s0.slice();
  try {
    for (let i = 0; i < 50 && s[m.layout.thread(0) + T_PC] < m.programs[0].steps.length; i++) takeStep(s, m, 0);
  } catch (e) {
    if (e instanceof ModelError) return e.message;
    throw e;
  }
  return 'finished';
}

describe('each thread records the locks it holds', () => {
  it('releasing a lock the thread does not hold is a model error naming the step', () => {
    expect(punchAlone(['inode_lock', 'inode_unlock', 'inode_unlock'])).toBe(
      'model error: punch step "inode_unlock": thread 0 releases i_rwsem exclusive but does not hold it',
    );
  });

  it('releasing it in the other mode is one too', () => {
    expect(punchAlone(['filemap_invalidate_lock', 'up_read(invalidate_lock)'])).toBe(
      'model error: punch step "filemap_invalidate_unlock_shared": thread 0 releases invalidate_lock shared but holds it exclusive',
    );
  });

  it('a balanced punch finishes holding nothing, and holds what it took in between', () => {
    expect(punchAlone(['inode_lock', 'filemap_invalidate_lock', 'filemap_invalidate_unlock', 'inode_unlock'])).toBe('finished');
    const { m, s0 } = setup(scenario({ variant: 'ext4-5.15' }));
    const s = s0.slice();
    takeStep(s, m, 0); // filemap_write_and_wait_range
    takeStep(s, m, 0); // inode_lock
    expect(locksHeld(s, m, m.layout.thread(0))).toEqual([{ word: G.I_RWSEM, mode: 'exclusive' }]);
  });
});

describe('the held word', () => {
  it('keeps eight locks in a signed 16-bit state word: the last of four locks of the variant\'s own, held exclusive', () => {
    const v = resolveVariant({
      name: 'four-own', extends: 'ext4-5.15',
      newLocks: ['a', 'b', 'c', 'd'].map((name) => ({ name, kind: 'rwsem', after: 'invalidate_lock' })),
      punch: ['down_write(d)', 'down_read(c)', 'up_read(c)', 'up_write(d)'],
    });
    const { m, s0 } = setup(scenario({ variant: 'ext4-5.15' }), v);
    const s = s0.slice();
    takeStep(s, m, 0);
    expect(wordsFit(s)).toBe(true);
    const d = m.locks.find((l) => l.name === 'd')!.word;
    expect(locksHeld(s, m, m.layout.thread(0))).toEqual([{ word: d, mode: 'exclusive' }]);
    takeStep(s, m, 0);
    expect(locksHeld(s, m, m.layout.thread(0)).map((h) => h.mode)).toEqual(['shared', 'exclusive']);
    takeStep(s, m, 0);
    takeStep(s, m, 0);
    expect(s[m.layout.thread(0) + m.layout.threadHeld]).toBe(0);
  });
});
