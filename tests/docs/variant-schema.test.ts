import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('docs/variant-file.schema.json', () => {
  it('is what scripts/variant-schema.ts makes from the loader\'s zod schema today', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/variant-schema.ts', fresh], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(fresh, 'utf8')).toBe(readFileSync('docs/variant-file.schema.json', 'utf8'));
  });
});
