import { canStartHandle, startHandle, stopHandle } from '../model/journal';
import { T_LOCAL } from '../model/layout';
import type { State } from '../model/state';
import { ALWAYS, type ProgramBuilder } from './program';

/**
 * The punch's journal handle (ext4_journal_start .. ext4_journal_stop), and
 * whether the punch holds one now, in its second local (the first is T's
 * cursor): a variant may drop either end, and a restart inside RM restarts
 * only a handle that is held.
 */
const HOLDS_HANDLE = T_LOCAL + 1;

function holdsHandle(s: State, t: number): boolean {
  return s[t + HOLDS_HANDLE] !== 0;
}

export function emitJournalStart(b: ProgramBuilder): void {
  b.step('ext4_journal_start', (s) => canStartHandle(s), (s, t) => {
    startHandle(s);
    s[t + HOLDS_HANDLE]++;
  });
}

export function emitJournalStop(b: ProgramBuilder): void {
  b.step('ext4_journal_stop', ALWAYS, (s, t) => {
    if (!holdsHandle(s, t)) return; // no handle to stop: a variant without ext4_journal_start
    stopHandle(s);
    s[t + HOLDS_HANDLE]--;
  });
}

/**
 * jbd2__journal_restart: the handle leaves its transaction (which may now
 * commit: the restart asks jbd2 to), then start_this_handle joins the next
 * one, waiting while a commit holds the running transaction locked.
 */
export function emitRestartHandle(b: ProgramBuilder): void {
  b.step('jbd2__journal_restart', ALWAYS, (s, t) => {
    if (holdsHandle(s, t)) stopHandle(s);
  });
  b.step('start_this_handle', (s, t) => !holdsHandle(s, t) || canStartHandle(s), (s, t) => {
    if (holdsHandle(s, t)) startHandle(s);
  });
}
