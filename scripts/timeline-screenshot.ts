/**
 * Renders a case's HTML timeline (what `inspect --html` writes) in headless
 * Chromium and saves a screenshot: docs/timeline.png, the picture in the
 * README, comes from
 *
 *   npx tsx scripts/timeline-screenshot.ts shrunk-cases/ext4-3.11/bar-never-overwritten-by-foo/09a57ee65cff.json docs/timeline.png
 *
 * It drives Debian's Chromium (/usr/bin/chromium, which .ci/run installs)
 * through playwright-core and never downloads a browser. The page opens with
 * the violating step selected, so the panel shows the state before and
 * after it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { loadCase } from '../src/cases/load-case';
import { timelineHtml } from '../src/reports/timeline-html';
import { buildTimeline } from '../src/reports/timeline';

const [caseFile, png] = process.argv.slice(2);
if (caseFile === undefined || png === undefined) {
  console.error('usage: npx tsx scripts/timeline-screenshot.ts CASE.json OUT.png');
  process.exit(2);
}
const loaded = loadCase(caseFile);
const dir = mkdtempSync(join(tmpdir(), 'timeline-'));
const html = join(dir, 'timeline.html');
writeFileSync(html, timelineHtml(buildTimeline(loaded), loaded.data.origin));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`file://${resolve(html)}`);
  // The violating step is selected on load, so the panel already explains it; a click would scroll the
  // page, and the sticky lane headers would then sit in the middle of a full-page screenshot.
  await page.locator('#panel').getByText('violated').first().waitFor();
  await page.screenshot({ path: png, fullPage: true });
  console.log(`wrote ${png}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
