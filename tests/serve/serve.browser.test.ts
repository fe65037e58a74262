// The review workbench in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core)
// on corpus PDFs: a flag's evidence is boxed on the rendered page, and the text under the box (read
// from the PDF's own text content with pdf.js, independently of the parser) is the evidence; the box
// sits over those words on the page image; the flag is dismissed by keyboard, stays dismissed after a
// reload, and `jixiao review log` and an export carry it; a cross-origin POST from another page gets
// 403; no request leaves the machine. Screenshots go to a temp folder; with UPDATE_SCREENSHOTS=1 to docs/.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Evidence } from '../../schemas/records.ts';
import { openDatabase } from '../../pipeline/store/db.ts';
import { pdfChars, squash, textIn } from '../parsers/text-under.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/server.ts';
import { cli, ROOT } from '../export/setup.ts';
import { CORPUS, tempDir } from '../helpers.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium, watchedPage } from '../browser.ts';

if (!HAVE_CHROMIUM) console.warn(`serve.browser.test: SKIPPED — ${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium fonts-noto-cjk)`);

const PDFS = ['suixi-2022-verification.pdf', 'wuchuan-2025-dept-self-eval.pdf'].map((f) => join(CORPUS, 'pdf', f));
describe.skipIf(!HAVE_CHROMIUM)('review workbench in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let srv: RunningServer;
  let foreign: Server;
  let foreignUrl: string;
  let dbPath: string;
  let target: { id: number; file: string; evidence: Evidence };
  const dir = tempDir('jixiao-serve-browser-');
  const shots = tempDir('jixiao-serve-shots-');
  const problems: string[] = [];
  const requests: string[] = [];
  const refused: string[] = [];
  const shoot = async (name: string) => {
    await page.screenshot({ path: join(shots, name) });
    if (process.env.UPDATE_SCREENSHOTS) { mkdirSync(join(ROOT, 'docs'), { recursive: true }); copyFileSync(join(shots, name), join(ROOT, 'docs', name)); }
  };

  beforeAll(async () => {
    dbPath = join(dir, 'county.sqlite');
    const r = cli(['import', ...PDFS, '--db', dbPath, '--quiet', '--jobs', '0']);
    expect(r.status, r.stderr).toBe(0);
    // the first flag whose evidence the parser placed on a PDF page
    const db = openDatabase(dbPath, { readonly: true });
    const flags = db.prepare("SELECT f.id, d.file, f.evidence FROM flags f JOIN documents d ON d.id = f.document_id WHERE d.format = 'pdf' ORDER BY f.id").all() as Array<{ id: number; file: string; evidence: string }>;
    db.close();
    const hit = flags.map((f) => ({ id: f.id, file: f.file, evidence: (JSON.parse(f.evidence) as Evidence[]).find((e) => e.source.box && e.source.page && e.file === f.file) }))
      .find((f) => f.evidence && f.evidence.text.length >= 12);
    expect(hit, 'a flag with evidence boxed on a PDF page').toBeTruthy();
    target = hit as typeof target;
    srv = await startServer({ db: dbPath, port: 0, user: '李分析', log: (l) => { if (l.startsWith('refused')) refused.push(l); } });
    // another site on this machine, whose page tries to post a decision to the workbench
    foreign = createServer((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<!doctype html><title>elsewhere</title>'); });
    await new Promise<void>((ok) => foreign.listen(0, '127.0.0.1', ok));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as { port: number }).port}/`;
    browser = await launchChromium();
    page = await watchedPage(browser, problems);
    page.on('request', (req) => requests.push(req.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await new Promise((ok) => (foreign ? foreign.close(ok) : ok(undefined)));
  });

  it('opens on the overview with the reports and their flags', async () => {
    await page.goto(srv.url);
    expect(await page.locator('#reports tbody tr').count()).toBe(2);
    expect(await page.locator('table.summary').textContent()).toContain('待处理');
    await shoot('serve-overview.png');
  });

  it('shows a report with its flags and tables, each linked to its evidence', async () => {
    await page.locator('#reports a', { hasText: /./ }).first().click();
    await page.waitForURL(/\/report\/\d+$/);
    expect(await page.locator('#flags tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('a.ev').count()).toBeGreaterThan(0);
    await shoot('serve-report.png');
  });

  it('boxes the evidence on the rendered page: the text under the box is the evidence, the box sits over it', async () => {
    await page.goto(`${srv.url}flag/${target.id}`);
    const fig = page.locator('figure.page.ready').first();
    await fig.waitFor({ timeout: 60_000 });
    const rects = fig.locator('rect.hl');
    expect(await rects.count()).toBeGreaterThan(0);
    const boxes = (await rects.evaluateAll((els) => els.map((e) => e.getAttribute('data-box')!))).map((s) => {
      const [x0, y0, x1, y1] = s.split(',').map(Number);
      return { x0, y0, x1, y1 };
    });
    const chars = (await pdfChars(PDFS.find((p) => p.endsWith(target.file))!)).get(target.evidence.source.page!)!;
    const under = squash(textIn(chars, boxes));
    const quoted = squash(target.evidence.text);
    expect(under).toBe(quoted);
    // on screen: each rectangle is drawn where its box falls on the page image, at the image's scale
    const geo = await fig.evaluate((f) => {
      const img = f.querySelector('img')!.getBoundingClientRect();
      const vb = f.querySelector('svg')!.viewBox.baseVal;
      const r = f.querySelector('rect.hl')!.getBoundingClientRect();
      return { img: { x: img.x, y: img.y, w: img.width }, vbw: vb.width, r: { x: r.x, y: r.y } };
    });
    const s = geo.img.w / geo.vbw;
    expect(Math.abs(geo.r.x - (geo.img.x + (boxes[0].x0 - 1.5) * s))).toBeLessThan(2);
    expect(Math.abs(geo.r.y - (geo.img.y + (boxes[0].y0 - 1.5) * s))).toBeLessThan(2);
    // the page image is the page: its size in points matches the PDF's page size (A4 portrait here)
    expect(geo.vbw).toBeGreaterThan(500);
    await fig.locator('rect.hl').first().evaluate((r) => r.scrollIntoView({ block: 'center' }));
    await shoot('serve-flag.png');
  });

  it('dismisses the flag with a reason by keyboard; a reload shows it dismissed', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('d');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reason');
    await page.keyboard.type('两处口径不同，非错误');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await page.locator('#status').textContent()).toBe('已驳回');
    await page.reload();
    expect(await page.locator('#status').textContent()).toBe('已驳回');
    expect(await page.locator('.review').textContent()).toContain('两处口径不同，非错误');
    expect(await page.locator('.review').textContent()).toContain('李分析');
  });

  it('the review log and an export carry the decision', () => {
    const log = cli(['review', 'log', '--db', dbPath]);
    expect(log.stdout).toMatch(/李分析\s+dismiss\s+flag .*\(两处口径不同，非错误\)/);
    const out = join(dir, 'export.json');
    expect(cli(['export', '--db', dbPath, '--format', 'json', '--out', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('两处口径不同，非错误');
  });

  it('goes to the next flag and back by keyboard', async () => {
    const next = await page.locator('#next').getAttribute('href');
    if (!next) return; // a single flag: nothing to go to
    await Promise.all([page.waitForURL((u) => u.pathname === next), page.keyboard.press('j')]);
    await Promise.all([page.waitForURL((u) => u.pathname === `/flag/${target.id}`), page.keyboard.press('k')]);
  });

  it('refuses a decision posted from another site with 403', async () => {
    await page.goto(foreignUrl);
    const before = refused.length;
    const noted = problems.length;
    // a "simple" request (text/plain): the browser sends it without asking first, with its Origin
    const result = await page.evaluate(async (u) => {
      try {
        await fetch(u, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ action: 'confirm' }) });
        return 'sent';
      } catch (e) { return String(e); }
    }, `${srv.url}api/flags/${target.id}/decision`);
    // the answer is withheld from the other site either way (Cross-Origin-Resource-Policy): what counts is the server's 403
    expect(result).toMatch(/^sent$|Failed to fetch/);
    await expect.poll(() => refused.length).toBeGreaterThan(before);
    // Chromium reports the withheld answer on the other site's console: that is this test's doing
    const here = problems.splice(noted);
    problems.push(...here.filter((p) => !/ERR_BLOCKED_BY_RESPONSE|403/.test(p)));
    expect(refused[refused.length - 1]).toMatch(/Origin "http:\/\/127\.0\.0\.1:\d+" is not this server/);
    await page.goto(`${srv.url}flag/${target.id}`);
    expect(await page.locator('#status').textContent()).toBe('已驳回');
  });

  it('made no request off this machine and logged no errors', () => {
    const off = requests.filter((u) => !u.startsWith(srv.url) && !u.startsWith(foreignUrl));
    expect(off).toEqual([]);
    expect(problems).toEqual([]);
  });
});
