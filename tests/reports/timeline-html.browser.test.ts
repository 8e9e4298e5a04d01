import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseId } from '../../src/cases/case-id';
import { janKaraCaseFile } from '../cli/jan-kara-case';

/**
 * The HTML timeline, opened in a real headless Chromium (Debian's package,
 * driven by playwright-core; .ci/run installs it). The screenshot is saved
 * in test-output/ for people to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
const caseFile = janKaraCaseFile();
const dir = mkdtempSync(join(tmpdir(), 'html-'));
let browser: Browser;

function inspectHtml(file: string, out: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/punch-hunt.ts', 'inspect', file, '--html', out], { encoding: 'utf8' });
}

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('inspect --html in Chromium', () => {
  it('shows a lane per thread, every step, and the violation highlighted and explained', async () => {
    const out = join(dir, 'timeline.html');
    expect(inspectHtml(caseFile, out).status).toBe(0);
    const c = JSON.parse(readFileSync(caseFile, 'utf8'));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(`file://${resolve(out)}`);
    const lanes = await page.locator('.lane').allTextContents();
    expect(lanes).toEqual(['T0 punch', 'T1 mmapWrite page 0', 'T2 barWrite', 'T3 writeback page 0']);
    expect(await page.locator('.step').count()).toBe(c.schedule.length);
    const bad = page.locator('.step.violation');
    expect(await bad.count()).toBe(1);
    expect(await bad.isVisible()).toBe(true);
    expect(await bad.textContent()).toBe('submit_bio');
    // The violating step is selected on load: the panel explains the claim and shows the state after it.
    await expect.poll(() => page.locator('#panel').textContent()).toContain('bar-never-overwritten-by-foo violated');
    expect(await page.locator('#panel').textContent()).toContain('block 0');
    // Clicking another step shows its own state before and after.
    await page.locator('.step', { hasText: 'ext4_ext_rm_leaf' }).click();
    const panel = await page.locator('#panel').textContent();
    expect(panel).toContain('Step 18');
    expect(panel).toContain('block 0 freed');
    expect(await page.locator('#panel td.changed').count()).toBeGreaterThan(0);
    expect(requests).toEqual([]); // self-contained: nothing fetched
    mkdirSync('test-output', { recursive: true });
    await page.locator('.step.violation').click();
    await page.screenshot({ path: 'test-output/timeline.png', fullPage: true });
    expect(existsSync('test-output/timeline.png')).toBe(true);
    await page.close();
  });

  it('escapes every string of the case file: no tag from the input reaches the page', async () => {
    const c = JSON.parse(readFileSync(caseFile, 'utf8'));
    const hostile = '<img src=x onerror="document.title=1"><script>document.title=2</script>';
    c.variant = { name: 'ext4-3.11-copy', description: hostile, extends: 'ext4-3.11' };
    c.scenario = { ...c.scenario, variant: 'ext4-3.11-copy' };
    c.id = caseId(c); // a valid case, so that only the page's escaping is under test
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(c));
    const out = join(dir, 'hostile.html');
    const r = inspectHtml(file, out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('<img');
    const page = await browser.newPage();
    await page.goto(`file://${resolve(out)}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.title()).toBe('ext4-3.11-copy: bar-never-overwritten-by-foo');
    expect(await page.locator('.meta').first().textContent()).toBe(hostile);
    await page.close();
  });
});
