import { printable } from '../files/user-error';
import type { CaseOrigin } from '../cases/case-format';
import type { StateView } from './describe-state';
import type { Timeline } from './timeline';

/**
 * Text for HTML: every character that could open markup or end an attribute
 * is an entity, and control and bidirectional characters are shown as
 * \uXXXX (printable), so a file's text can neither add markup nor reorder
 * what the page shows.
 */
export function escapeHtml(s: string): string {
  return printable(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: nothing in it can close the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export type StepKind = 'lock' | 'io' | 'alloc' | 'cache' | 'other';

/** What a step did, for its colour: the most telling of its changes wins. */
export function stepKind(changes: readonly string[]): StepKind {
  const all = changes.join('\n');
  if (/device write|direct I\/O/.test(all)) return 'io';
  if (/freed|allocated|extent/.test(all)) return 'alloc';
  // Any lock, a variant's own included: describe-changes writes "NAME free -> exclusive", "NAME shared x1 -> free".
  if (/^[a-z_][a-z0-9_]* (free|exclusive|shared x\d+) -> (free|exclusive|shared x\d+)$/m.test(all)) return 'lock';
  if (/page \d/.test(all)) return 'cache';
  return 'other';
}

const LEGEND: Array<[StepKind | 'violation', string]> = [
  ['lock', 'takes or drops a lock'],
  ['cache', 'changes the page cache (pages, flags, buffers, mappings)'],
  ['alloc', 'frees or allocates a block, or changes an extent'],
  ['io', 'writes the device, or starts or ends direct I/O'],
  ['other', 'changes nothing visible (waits, checks, no-ops)'],
  ['violation', 'the step after which the claim fails'],
];

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}
h1{font-size:18px;margin:0 0 4px}.meta{color:#555;margin:0 0 12px}
.wrap{display:flex;gap:16px;align-items:flex-start}
.timeline{display:grid;gap:3px 8px;flex:0 0 auto}
.lane{font-weight:600;padding:4px 6px;background:#eee;border-radius:4px;position:sticky;top:0}
.num{color:#888;text-align:right;font-variant-numeric:tabular-nums;padding:3px 0}
.step{padding:3px 6px;border-radius:4px;cursor:pointer;border:2px solid transparent;font-family:ui-monospace,monospace;font-size:12px}
.step:hover,.step.selected{border-color:#333}
.lock{background:#cfe0fb}.cache{background:#d4f1d4}.alloc{background:#e8d6f5}.io{background:#fde2c2}.other{background:#f2f2f2}
.step.violation,.violation-swatch{border-color:#d00;box-shadow:0 0 0 2px #f99}
.panel{position:sticky;top:8px;flex:1 1 420px;max-width:640px;border:1px solid #ccc;border-radius:6px;padding:8px 12px;background:#fafafa}
.panel h2{font-size:15px;margin:4px 0}.panel h3{font-size:13px;margin:8px 0 2px}
.panel ul{margin:2px 0;padding-left:18px}.panel table{border-collapse:collapse;font-size:12px}
.panel td{border-top:1px solid #e4e4e4;padding:1px 6px;vertical-align:top}.changed{background:#fff3a8}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:8px 0 14px;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:6px}.swatch{width:18px;height:14px;border-radius:3px;border:2px solid transparent}
.verdict{color:#b00;font-weight:600;margin:6px 0 12px}
`;

// The viewer's script: reads the embedded JSON and fills the panel with textContent only, never markup.
const SCRIPT = `
const data = JSON.parse(document.getElementById('case-data').textContent);
const panel = document.getElementById('panel');
function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
function rows(view) {
  const out = [['locks', Object.entries(view.locks).map(([n, s]) => n + ' ' + s).join(', ')],
    ['direct I/O in flight', String(view.dioInFlight)], ['journal handles', String(view.journalHandles)]];
  for (const p of view.pages) out.push(['page ' + p.page, p.summary]);
  out.push(['foo extents', view.foo.map((e, l) => l + '→' + e).join(', ')], ['bar extents', view.bar.map((e, l) => l + '→' + e).join(', ')]);
  for (const b of view.blocks) out.push(['block ' + b.block, b.owner + ', ' + b.data]);
  return out;
}
function table(view, other) {
  const t = el('table'); const theirs = other ? new Map(rows(other)) : null;
  for (const [k, v] of rows(view)) { const tr = el('tr'); tr.append(el('td', k), el('td', v, theirs && theirs.get(k) !== v ? 'changed' : '')); t.append(tr); }
  return t;
}
function show(k) {
  const s = data.steps[k]; const before = k === 0 ? data.initial : data.steps[k - 1].after;
  panel.replaceChildren();
  panel.append(el('h2', 'Step ' + s.step + ': ' + data.lanes.find((l) => l.thread === s.thread).label + ', ' + s.name));
  if (data.violation && data.violation.step === s.step) panel.append(el('p', data.violation.claim + ' violated: ' + data.violation.message, 'verdict'));
  panel.append(el('h3', 'What changed'));
  const ul = el('ul'); for (const c of (s.changes.length ? s.changes : ['nothing visible'])) ul.append(el('li', c)); panel.append(ul);
  panel.append(el('h3', 'State before'), table(before), el('h3', 'State after (changed cells marked)'), table(s.after, before));
}
let selected = null;
document.querySelectorAll('.step').forEach((node) => {
  const k = Number(node.dataset.index);
  node.addEventListener('mouseenter', () => { if (selected === null) show(k); });
  node.addEventListener('click', () => { if (selected) selected.classList.remove('selected'); selected = node; node.classList.add('selected'); show(k); });
});
const bad = document.querySelector('.step.violation');
if (bad) { bad.click(); }
`;

/**
 * One case as a self-contained HTML page (no network, no external scripts
 * or fonts), in the spirit of Jepsen's timeline.html and Porcupine's
 * viewer: a lane per thread, a box per step in its lane and row, coloured
 * by what it did; hover or click a step for the state before and after it;
 * the violating step outlined in red and selected on load. Every string
 * from the case is escaped, in the markup and in the embedded data.
 */
export function timelineHtml(t: Timeline, origin: CaseOrigin): string {
  const cols = `3em repeat(${t.lanes.length}, minmax(10em, max-content))`;
  const cells: string[] = [`<div></div>`];
  for (const lane of t.lanes) cells.push(`<div class="lane" style="grid-column:${lane.thread + 2}">${escapeHtml(lane.label)}</div>`);
  t.steps.forEach((s, k) => {
    const row = k + 2;
    const bad = t.violation?.step === s.step ? ' violation' : '';
    const title = s.changes.length > 0 ? s.changes.join('; ') : 'nothing visible';
    cells.push(`<div class="num" style="grid-row:${row};grid-column:1">${s.step}</div>`);
    cells.push(
      `<div class="step ${stepKind(s.changes)}${bad}" data-index="${k}" title="${escapeHtml(title)}" style="grid-row:${row};grid-column:${s.thread + 2}">${escapeHtml(s.name)}</div>`,
    );
  });
  const legend = LEGEND.map(([kind, text]) => {
    const cls = kind === 'violation' ? 'swatch other violation-swatch' : `swatch ${kind}`;
    return `<li><span class="${cls}"></span>${escapeHtml(text)}</li>`;
  }).join('');
  const verdict = t.violation
    ? `<p class="verdict">✗ step ${t.violation.step}: ${escapeHtml(t.violation.claim)} violated: ${escapeHtml(t.violation.message)}</p>`
    : `<p class="verdict">The schedule ran to its end and ${escapeHtml(t.claim)} held: this case no longer reproduces.</p>`;
  const found = `found by ${escapeHtml(origin.strategy)}${origin.seed === null ? '' : `, seed ${origin.seed}`}, ${t.steps.length} steps`;
  const data: { initial: StateView } & Pick<Timeline, 'lanes' | 'steps' | 'violation'> = { initial: t.initial, lanes: t.lanes, steps: t.steps, violation: t.violation };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(t.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(t.title)}</h1>
<p class="meta">${escapeHtml(t.description)}</p>
<p class="meta">${escapeHtml(t.setting)}; ${found}</p>
${verdict}
<ul class="legend">${legend}</ul>
<div class="wrap">
<div class="timeline" style="grid-template-columns:${cols}">${cells.join('\n')}</div>
<aside class="panel" id="panel"><p>Hover over or click a step to see the state before and after it.</p></aside>
</div>
<script type="application/json" id="case-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
