// The review page in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// it opens from file://, filters, sorts, shows a flag's evidence highlighted, logs no errors and makes no
// network request. Screenshots go to a temp folder; with UPDATE_SCREENSHOTS=1 to docs/ as well.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../pipeline/store/db.ts';
import { cli, corpusDatabase, ROOT } from '../export/setup.ts';
import { tempDir } from '../helpers.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium, watchedPage } from '../browser.ts';

if (!HAVE_CHROMIUM) console.warn(`report.browser.test: SKIPPED — ${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium fonts-noto-cjk)`);

describe.skipIf(!HAVE_CHROMIUM)('review page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let env: Awaited<ReturnType<typeof corpusDatabase>>;
  let url: string;
  const problems: string[] = [];
  const requests: string[] = [];
  const shots = tempDir('jixiao-shots-');

  beforeAll(async () => {
    env = await corpusDatabase('jixiao-browser-');
    // an analyst has been at work: one value corrected, one flag dismissed, one confirmed
    expect(cli(['review', 'correct', 'figure', String(env.figureId), '380.00万元', '--reason', '原文为380.00万元', '--by', '李分析', '--db', env.path]).status).toBe(0);
    expect(cli(['review', 'dismiss', String(env.flagIds[2]), '--reason', '测试标记', '--by', '李分析', '--db', env.path]).status).toBe(0);
    expect(cli(['review', 'confirm', String(env.flagIds[1]), '--by', '李分析', '--db', env.path]).status).toBe(0);
    const out = join(env.dir, 'report.html');
    const r = cli(['report', '--db', env.path, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    url = pathToFileURL(out).href;
    browser = await launchChromium();
    page = await watchedPage(browser, problems);
    page.on('request', (req) => { if (req.url() !== url && !req.url().startsWith(url + '#')) requests.push(req.url()); });
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const visibleRows = (table: string) => page.locator(`#${table} tbody tr:not(.hidden-by-filter)`).count();

  it('opens on the overview with every report listed', async () => {
    await expect(page.locator('#overview')).toBeTruthy();
    expect(await page.locator('#overview').isVisible()).toBe(true);
    expect(await visibleRows('reports')).toBe(5);
    expect(await page.locator('nav#side a[data-doc]').count()).toBe(5);
    await page.screenshot({ path: join(shots, 'overview.png') });
  });

  it('filters rows with the search box', async () => {
    await page.fill('#q', '西湖');
    expect(await visibleRows('reports')).toBe(1);
    expect(await page.locator('#reports tbody tr:not(.hidden-by-filter)').innerText()).toContain('南昌市西湖区医疗保障局');
    expect(await page.locator('nav#side a[data-doc]:not(.hidden-by-filter)').count()).toBe(1);
    await page.fill('#q', '西湖 不存在的词');
    expect(await visibleRows('reports')).toBe(0);
    await page.fill('#q', '');
    expect(await visibleRows('reports')).toBe(5);
  });

  it('sorts a table by a clicked column, both ways', async () => {
    const years = async () => (await page.locator('#reports tbody tr td:nth-child(4)').allInnerTexts()).map(Number);
    const header = page.locator('#reports thead th', { hasText: '年度' });
    await header.click();
    const up = await years();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    const down = await years();
    expect(down).toEqual([...up].sort((a, b) => b - a));
    const files = page.locator('#reports thead th', { hasText: '文件' });
    await files.click();
    const names = await page.locator('#reports tbody tr td:nth-child(1)').allInnerTexts();
    expect(names).toEqual([...names].sort());
  });

  it("shows a flag's evidence highlighted in its report", async () => {
    await page.goto(`${url}#flag-${env.flagIds[0]}`);
    const card = page.locator(`#flag-${env.flagIds[0]}`);
    expect(await card.isVisible()).toBe(true);
    const db = openDatabase(env.path, { readonly: true });
    const raw = (db.prepare('SELECT raw FROM figures WHERE id = ?').get(env.figureId) as { raw: string }).raw;
    db.close();
    const mark = card.locator('mark.hl').first();
    expect(await mark.isVisible()).toBe(true);
    expect((await mark.innerText()).replace(/\s/g, '')).toBe(raw.replace(/\s/g, ''));
    const bg = await mark.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    // the flagged figure row links back to the flag and shows its correction
    const row = page.locator(`#figure-${env.figureId}`);
    expect(await row.locator(`a[href="#flag-${env.flagIds[0]}"]`).count()).toBe(1);
    expect(await row.locator('.corr').innerText()).toBe('3,800,000.00');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'report.png') });
  });

  it('runs no injected markup, logs no errors and makes no network request', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator(`#flag-${env.flagIds[2]} .msg`).innerText()).toContain('<img src=x');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('renders Chinese text with a CJK font', async () => {
    await page.goto(`${url}#overview`);
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toContain('Noto Sans CJK SC');
    const width = await page.locator('header.top h1').evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(60); // six ideographs, not tofu-collapsed
    await page.screenshot({ path: join(shots, 'overview-final.png') });
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(join(shots, 'overview.png'), join(ROOT, 'docs/review-page.png'));
      copyFileSync(join(shots, 'report.png'), join(ROOT, 'docs/review-page-report.png'));
    }
  });
});
