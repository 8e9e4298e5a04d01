import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The id of a case: what makes it the same race (variant, claim, scenario, schedule), hashed. */
export function caseId(key: { variant: unknown; claim: string; scenario: unknown; schedule: readonly number[] }): string {
  const text = canonicalJson({ variant: key.variant, claim: key.claim, scenario: key.scenario, schedule: key.schedule });
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
