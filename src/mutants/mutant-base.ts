import { resolveVariant } from '../variants/resolve-variant';

/**
 * The design the mutants break: today's (ext4-6.15), mounted with
 * dioread_nolock, the configuration in which the explorer finds every claim
 * holding at the mutants' bounds with one and two blocks a page (without
 * it, two blocks a page expose stale data to a direct read racing
 * writeback's extent insertion, a general ext4 exposure, not the punch's;
 * README, "The discovered matrix"). A mutant that breaks a claim here broke
 * it by its one change.
 */
export const MUTANT_BASE = resolveVariant({
  name: 'ext4-6.15-dnl',
  description: 'ext4-6.15 mounted with dioread_nolock (dnl): writeback allocates unwritten extents at every block size',
  extends: 'ext4-6.15',
  dioreadNolock: 'on',
});

/** Every mutant's name starts with this. */
export const MUTANT_PREFIX = `${MUTANT_BASE.name}--`;
