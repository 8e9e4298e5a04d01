import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The README is a user's guide, not a lab notebook: at most 10 KiB, no
 * dates, and no figure that is not either in a generated result file under
 * results/ or part of a command's output the README itself shows (its code
 * blocks). A measurement typed into the prose fails here; it belongs in
 * results/ or in a commit message.
 */
const README = readFileSync('README.md', 'utf8');
const CODE = /```[\s\S]*?```/g;

describe('README.md', () => {
  it('is at most 10,240 bytes and carries no date', () => {
    expect(Buffer.byteLength(README)).toBeLessThanOrEqual(10_240);
    expect(README).not.toMatch(/20\d\d-\d\d-\d\d/);
  });

  it('every figure outside its shown output is in a file under results/', () => {
    const shown = (README.match(CODE) ?? []).join('\n');
    const prose = README.replace(CODE, ' ');
    const results = readdirSync('results').map((f) => readFileSync(`results/${f}`, 'utf8')).join('\n');
    const figures = [...new Set(prose.match(/(?<![\w.@/-])\d+(?:\.\d+)?(?![\w/])/g) ?? [])];
    expect(figures.length).toBeGreaterThan(10); // the results table is in the prose: the check has something to check
    expect(figures.filter((n) => !results.includes(n) && !shown.includes(n))).toEqual([]);
  });
});
