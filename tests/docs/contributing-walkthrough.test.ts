import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type ClaimName, isClaimName } from '../../src/claims/claim';
import type { Mount } from '../../src/model/mount';
import type { ConcurrentOp } from '../../src/model/ops';
import { exploreCells } from '../../src/search/explore/explore-cells';
import { loadVariantFile } from '../../src/variants/load-variant-file';
import { builtinVariant } from '../../src/variants/resolve-variant';
import type { Variant } from '../../src/variants/variant';

/**
 * CONTRIBUTING.md walks through adding a lock site on one example: a variant
 * file that gives ext4-5.10's read(2) a lock at `read.create`, and three
 * `explore` commands with their output. This test reads both out of the
 * file, loads the variant through the real loader, runs the real explorer
 * on the bounds each command names, and holds every verdict and length the
 * walk-through shows to what the model gives.
 *
 * How it fails: if the site is renamed or removed, the loader refuses the
 * variant block ("locks.read.create"); if src/paths/read.ts stops taking
 * the site's locks, or takes them over a shorter window, the lines the
 * walk-through shows as `held` come out `violated`; if the model changes so
 * that ext4-5.10 no longer breaks the claims without the site, or breaks
 * them in another number of steps, the `violated in N steps` lines fail;
 * and if someone edits the walk-through's output or drops the contrast
 * between a claim broken without the site and held with it, the last
 * checks say so. Each failure names the line of the document.
 */
const DOC = readFileSync(fileURLToPath(new URL('../../CONTRIBUTING.md', import.meta.url)), 'utf8');

/** The fenced block right after an HTML comment `<!-- walkthrough: NAME ... -->`. */
function blockAfter(marker: string): { info: string; body: string } {
  const at = DOC.indexOf(`<!-- walkthrough: ${marker}`);
  expect(at, `CONTRIBUTING.md has no "<!-- walkthrough: ${marker}" marker`).toBeGreaterThanOrEqual(0);
  const comment = DOC.slice(at, DOC.indexOf('-->', at));
  const m = /```(\w*)\n([\s\S]*?)\n```/.exec(DOC.slice(at));
  expect(m, `no fenced block after the "${marker}" marker`).not.toBeNull();
  return { info: comment, body: m![2] };
}

interface Shown {
  readonly line: string;
  readonly variant: string;
  readonly claim: ClaimName;
  readonly verdict: 'violated' | 'held';
  readonly steps: number | null;
}

interface Command {
  readonly line: string;
  readonly options: ReadonlyMap<string, string>;
  readonly shown: Shown[];
}

/** `$ npx punch-hunt explore --opt value ...` lines, each with the output lines under it. */
function commands(body: string): Command[] {
  const out: Array<{ line: string; options: Map<string, string>; shown: Shown[] }> = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('$ ')) {
      const words = line.slice(2).trim().split(/\s+/);
      expect(words.slice(0, 3), line).toEqual(['npx', 'punch-hunt', 'explore']);
      const options = new Map<string, string>();
      for (let i = 3; i < words.length; i += 2) {
        expect(words[i], line).toMatch(/^--[a-z-]+$/);
        options.set(words[i], words[i + 1]);
      }
      out.push({ line, options, shown: [] });
      continue;
    }
    const m = /^(\S+)\s+data=\S+ B=\d\s+(\S+)\s+(held|violated in (\d+) steps)\s/.exec(line);
    expect(m, `not an explore output line: ${line}`).not.toBeNull();
    expect(isClaimName(m![2]), line).toBe(true);
    out.at(-1)!.shown.push({
      line, variant: m![1], claim: m![2] as ClaimName, verdict: m![3] === 'held' ? 'held' : 'violated', steps: m![4] === undefined ? null : Number(m![4]),
    });
  }
  return out;
}

describe('CONTRIBUTING.md, "Adding a lock site, step by step"', () => {
  const variantBlock = blockAfter('variant');
  const fileName = /variant (\S+)/.exec(variantBlock.info)![1];
  const dir = mkdtempSync(join(tmpdir(), 'walkthrough-'));
  writeFileSync(join(dir, fileName), variantBlock.body);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cmds = commands(blockAfter('explore').body);

  const variantOf = (c: Command): Variant => {
    const file = c.options.get('--variant-file');
    if (file !== undefined) {
      expect(file, c.line).toBe(fileName);
      return loadVariantFile(join(dir, file));
    }
    return builtinVariant(c.options.get('--variant')!);
  };

  it('shows a variant the real loader accepts, using the site the walk-through adds', () => {
    const v = loadVariantFile(join(dir, fileName));
    const parsed = JSON.parse(variantBlock.body);
    expect(Object.keys(parsed.locks)).toEqual(['read.create']);
    expect(v.locks['read.create']).toEqual([{ lock: 'i_mmap_sem', mode: 'shared' }]);
    // Everything else is the parent's: the site is the only difference.
    const parent = builtinVariant(parsed.extends);
    expect(parent.locks['read.create']).toEqual([]);
    expect({ ...v, name: parent.name, description: parent.description, locks: { ...v.locks, 'read.create': [] } }).toEqual(parent);
  });

  it.each(cmds.map((c) => [c.line.slice(2), c] as const))('%s', (_line, c) => {
    const claims = c.options.get('--claim')!.split(',') as ClaimName[];
    const cells = exploreCells({
      variant: variantOf(c),
      blocksPerPage: Number(c.options.get('--blocks-per-page')) as 1 | 2,
      pages: Number(c.options.get('--pages') ?? 1),
      mount: c.options.get('--mount') as Mount,
      ops: c.options.get('--ops')!.split(',') as ConcurrentOp[],
      threads: Number(c.options.get('--threads')),
      claims,
      maxStates: 1_000_000,
    });
    expect(c.shown.map((s) => s.claim), c.line).toEqual(claims);
    for (const s of c.shown) {
      const cell = cells.find((x) => x.claim === s.claim)!;
      expect(cell.variant, s.line).toBe(s.variant);
      expect({ verdict: cell.verdict, steps: cell.shortestSteps }, s.line).toEqual({ verdict: s.verdict, steps: s.steps });
    }
  });

  it('shows a claim broken without the site and held with it, on the same bounds', () => {
    const bounds = (c: Command) => [...c.options].filter(([k]) => k !== '--variant' && k !== '--variant-file').join(' ');
    const without = cmds.find((c) => c.options.has('--variant'))!;
    const withSite = cmds.find((c) => c.options.has('--variant-file') && bounds(c) === bounds(without));
    expect(withSite, 'no --variant-file command on the bounds of the --variant one').toBeDefined();
    const closed = without.shown.filter((s) => s.verdict === 'violated'
      && withSite!.shown.some((t) => t.claim === s.claim && t.verdict === 'held'));
    expect(closed.map((s) => s.claim)).toContain('no-foreign-data-exposed');
  });
});
