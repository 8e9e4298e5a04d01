/**
 * Why each mutant that the explorer finds breaking nothing is no evidence
 * of a toothless claim: one line each, written after reading its result in
 * MUTANTS.md. A mutant missing here that breaks nothing fails the test, so
 * a new survivor is always looked at.
 */
export const SURVIVORS: Readonly<Record<string, string>> = {};
