/** A variant definition that fails validation: names the field and what is wrong. */
export class VariantError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
