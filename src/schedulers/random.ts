import fc from 'fast-check';
import { replayScheduler } from './replay';
import type { Strategy } from './scheduler';

/** Longest random schedule: the longest run of the model is well under this. */
const MAX_LENGTH = 120;

/**
 * Uniform random: the plan is the list of threads that take each step (a
 * thread that cannot move is replaced by the next that can). fast-check
 * shrinks it by dropping entries and lowering thread numbers, towards
 * "run thread 0 first, then the rest in order".
 */
export const randomStrategy: Strategy<number[]> = {
  name: 'random',
  plans: (threads) => fc.array(fc.nat({ max: threads - 1 }), { maxLength: MAX_LENGTH }),
  scheduler: (plan) => replayScheduler(plan, false),
};
