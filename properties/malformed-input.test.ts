import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../src/cases/load-case';
import { replayCase } from '../src/cases/replay-case';
import { chooseVariants } from '../src/cli/options';
import { asUserError, UserError } from '../src/files/user-error';
import { buildTimeline } from '../src/reports/timeline';
import { swimlane } from '../src/reports/swimlane';
import { timelineHtml } from '../src/reports/timeline-html';
import { janKaraCaseFile } from '../tests/cli/jan-kara-case';

/**
 * Bad input, tried by machine (issue 7): fast-check makes malformed case
 * files and variant files from valid ones (a field dropped, a value of the
 * wrong type, huge or negative numbers, deep nesting, huge arrays,
 * `__proto__` and `constructor` keys, unknown names, a schedule naming a
 * missing thread, strings carrying HTML and terminal escape sequences,
 * text that is not JSON) and feeds each to what `replay`, `inspect`,
 * `inspect --html` and `hunt --variant-file` run on their input, in process.
 * Each must either accept the file (some changes are harmless) or fail with
 * a UserError: one line, naming the file and a field, with no control
 * character. Nothing else may be thrown, nothing may be written, and HTML
 * made from an accepted file carries no tag from it. A sample goes through
 * the real commands too: exit 2, one line on stderr, no stack trace.
 */
const validCase = JSON.parse(readFileSync(janKaraCaseFile(), 'utf8'));
const validVariant = JSON.parse(readFileSync('examples/no-dio-wait.json', 'utf8'));
const SEED = 20_131_105;
const RUNS = 700; // per kind of file: 1,400 in all, of which at least 1,000 must be rejected

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, -1, -1e308, 1e308, 2 ** 53, 0.5, '', 'ext4-9.99', 'no-bugs', 'fsync', 'teleport', 'big_kernel_lock:exclusive'),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '\u001b[31mred\u001b[0m\u001b]0;title\u0007', 'a\nb\r\nc', '\u2028'),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.constant(Array.from({ length: 20_000 }, () => 0)),
  fc.constant(JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`)),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}')),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** Paths into a JSON value, as key lists, down to depth 6 and 30 items an array (the valid files are shallower). */
function paths(v: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (prefix.length >= 6) return out;
  if (Array.isArray(v)) v.slice(0, 30).forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

type Edit = { kind: 'set' | 'drop' | 'add'; at: number; value: unknown; key: string } | { kind: 'text'; text: string };

function edits(valid: unknown): fc.Arbitrary<Edit[]> {
  const n = paths(valid).length;
  const one: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constantFrom('set' as const, 'drop' as const, 'add' as const), at: fc.nat({ max: n - 1 }), value: nasty, key: fc.constantFrom('__proto__', 'constructor', 'extra', 'format', 'threads') }),
    fc.record({ kind: fc.constant('text' as const), text: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('{"format": 1,'), fc.constant('\u0000\u0001binary')) }),
  );
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

/** Apply edits to a copy; own-property writes only, so a `__proto__` key is data, as JSON.parse makes it. */
function apply(valid: unknown, es: Edit[]): string {
  let doc = structuredClone(valid);
  for (const e of es) {
    if (e.kind === 'text') return e.text;
    const at = paths(doc)[e.at % paths(doc).length];
    if (at.length === 0) {
      doc = e.kind === 'set' ? e.value : doc;
      continue;
    }
    const parent = at.slice(0, -1).reduce((o: any, k) => o[k], doc as any);
    const key = at[at.length - 1];
    if (e.kind === 'set') Object.defineProperty(parent, key, { value: e.value, enumerable: true, writable: true, configurable: true });
    else if (e.kind === 'drop') Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (parent && typeof parent === 'object' && !Array.isArray(parent)) {
      Object.defineProperty(parent, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return JSON.stringify(doc);
}

/** The input side of each command, in process; returns the HTML when one was made. */
function runCommands(file: string, kind: 'case' | 'variant'): string | null {
  if (kind === 'variant') {
    chooseVariants(undefined, file); // hunt --variant-file
    return null;
  }
  const loaded = loadCase(file); // replay, inspect
  try {
    replayCase(loaded);
    const t = buildTimeline(loaded);
    swimlane(t, { colour: false, withState: true });
    return timelineHtml(t, loaded.data.origin);
  } catch (e) {
    throw asUserError(e, file);
  }
}

function check(dir: string, kind: 'case' | 'variant', text: string): 'accepted' | 'rejected' {
  const file = join(dir, `input.json`);
  writeFileSync(file, text);
  try {
    const html = runCommands(file, kind);
    if (html !== null) {
      const body = html.slice(html.indexOf('<body>'));
      const tags = body.match(/<[a-z!/][^>]*>/gi) ?? [];
      const allowed = /^<\/?(h1|p|ul|li|span|div|aside|script|body|html)( (class|id|style|data-index|title|type)="[^"<>]*")*>$/;
      for (const tag of tags) expect(tag, `tag in HTML from ${text.slice(0, 200)}`).toMatch(allowed);
    }
    return 'accepted';
  } catch (e) {
    if (!(e instanceof UserError)) throw new Error(`not a user error for input ${text.slice(0, 300)}: ${(e as Error).stack}`);
    expect(e.message.includes('\n')).toBe(false);
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(e.message.startsWith(file)).toBe(true);
    expect(e.field.length).toBeGreaterThan(0);
    return 'rejected';
  } finally {
    expect(readdirSync(dir)).toEqual(['input.json']); // nothing written
  }
}

describe('malformed input, tried by machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'malformed-'));
  const counts = { accepted: 0, rejected: 0 };
  const samples: Array<{ kind: 'case' | 'variant'; text: string }> = [];

  it.each([['case', validCase], ['variant', validVariant]] as const)('%s files: a user error or acceptance, never anything else', (kind, valid) => {
    fc.assert(
      fc.property(edits(valid), (es) => {
        const text = apply(valid, es);
        const outcome = check(dir, kind, text);
        counts[outcome]++;
        if (outcome === 'rejected' && samples.filter((s) => s.kind === kind).length < 3) samples.push({ kind, text });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('rejected at least 1,000 malformed files', () => {
    expect(counts.rejected).toBeGreaterThanOrEqual(1000);
    console.log(`malformed inputs: ${counts.rejected} rejected, ${counts.accepted} accepted (harmless changes)`);
  });

  it('a sample through the real commands: exit 2, one line, no stack trace, nothing written', () => {
    expect(samples.length).toBeGreaterThanOrEqual(4);
    for (const { kind, text } of samples) {
      const sampleDir = mkdtempSync(join(tmpdir(), 'malformed-cli-'));
      const file = join(sampleDir, 'input.json');
      writeFileSync(file, text);
      const commands = kind === 'variant'
        ? [['hunt', '--variant-file', file, '--out', join(sampleDir, 'cases')]]
        : [['replay', file], ['inspect', file], ['inspect', file, '--html', join(sampleDir, 'out.html')]];
      for (const [script, ...args] of commands) {
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/punch-hunt.ts', script, ...args], { encoding: 'utf8', timeout: 60_000 });
        expect(r.status, `${script} ${text.slice(0, 100)}`).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.stderr).not.toMatch(/[\u001b]/);
        expect(readdirSync(sampleDir)).toEqual(['input.json']);
      }
      rmSync(sampleDir, { recursive: true });
    }
  });
});
