// The review server over real HTTP (node:http requests to a real server on a real database):
// Host and Origin checked before routing, bodies validated, page images only for stored PDFs,
// document text escaped, decisions in the review tables (seen by `jixiao review log` and exports),
// several servers on one database, and a clean stop on SIGTERM.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../pipeline/store/db.ts';
import { startServer, type RunningServer } from '../../pipeline/serve/server.ts';
import { cli, corpusDatabase, INJECTION, ROOT } from '../export/setup.ts';

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((ok, fail) => {
    // a fresh connection each time: a kept-alive one may be closed by the server while the test waits on the CLI
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    if (body != null) req.write(body);
    req.end();
  });
}

describe('jixiao serve over HTTP', () => {
  let env: Awaited<ReturnType<typeof corpusDatabase>>;
  let srv: RunningServer;
  let other: RunningServer;
  const logged: string[] = [];
  const own = () => ({ Origin: `http://127.0.0.1:${srv.port}`, 'Content-Type': 'application/json' });
  const logCount = () => {
    const db = openDatabase(env.path, { readonly: true });
    try { return (db.prepare('SELECT count(*) AS n FROM review_log').get() as { n: number }).n; } finally { db.close(); }
  };

  beforeAll(async () => {
    env = await corpusDatabase('jixiao-serve-');
    srv = await startServer({ db: env.path, port: 0, user: '李分析', log: (l) => logged.push(l) });
    other = await startServer({ db: env.path, port: 0, user: '王分析' });
  });

  afterAll(async () => {
    await srv?.close();
    await other?.close();
  });

  it('listens on 127.0.0.1 and serves the overview with a CSP that allows no remote source', async () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await call(srv.port, 'GET', '/');
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:|\*|unsafe-inline|unsafe-eval/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).toContain('xihu');
  });

  it('refuses a cross-origin POST with 403 whatever the path, before routing, and writes nothing', async () => {
    const before = logCount();
    for (const path of [`/api/flags/${env.flagIds[0]}/decision`, '/api/corrections', '/no/such/path', '/']) {
      const r = await call(srv.port, 'POST', path, { Origin: 'http://evil.example', 'Content-Type': 'application/json' }, JSON.stringify({ action: 'confirm' }));
      expect(r.status, path).toBe(403);
    }
    // the origin of another local server is foreign too, and so is a page opened from disk
    for (const origin of [`http://127.0.0.1:${other.port}`, 'null', `https://127.0.0.1:${srv.port}`]) {
      const r = await call(srv.port, 'POST', `/api/flags/${env.flagIds[0]}/decision`, { Origin: origin, 'Content-Type': 'application/json' }, JSON.stringify({ action: 'confirm' }));
      expect(r.status, origin).toBe(403);
    }
    // no Origin and no Referer: not from this server's pages
    const bare = await call(srv.port, 'POST', `/api/flags/${env.flagIds[0]}/decision`, { 'Content-Type': 'application/json' }, JSON.stringify({ action: 'confirm' }));
    expect(bare.status).toBe(403);
    expect(logCount()).toBe(before);
    expect(logged.filter((l) => l.startsWith('refused')).length).toBeGreaterThanOrEqual(8);
  });

  it('refuses a request naming another Host (DNS rebinding), GET included', async () => {
    const r = await call(srv.port, 'GET', '/', { Host: `attacker.example:${srv.port}` });
    expect(r.status).toBe(403);
    const ok = await call(srv.port, 'GET', '/', { Host: `localhost:${srv.port}` });
    expect(ok.status).toBe(200);
  });

  it('validates bodies: JSON only, known actions, no extra fields, a reason to dismiss', async () => {
    const path = `/api/flags/${env.flagIds[0]}/decision`;
    const before = logCount();
    expect((await call(srv.port, 'POST', path, { ...own(), 'Content-Type': 'text/plain' }, JSON.stringify({ action: 'confirm' }))).status).toBe(415);
    expect((await call(srv.port, 'POST', path, own(), '{not json')).status).toBe(400);
    expect((await call(srv.port, 'POST', path, own(), JSON.stringify({ action: 'delete' }))).status).toBe(400);
    expect((await call(srv.port, 'POST', path, own(), JSON.stringify({ action: 'confirm', by: 'someone else' }))).status).toBe(400);
    const noReason = await call(srv.port, 'POST', path, own(), JSON.stringify({ action: 'dismiss' }));
    expect(noReason.status).toBe(400);
    expect(JSON.parse(noReason.body).error).toMatch(/reason/);
    expect((await call(srv.port, 'POST', '/api/flags/999999/decision', own(), JSON.stringify({ action: 'confirm' }))).status).toBe(400);
    expect((await call(srv.port, 'POST', '/api/corrections', own(), JSON.stringify({ kind: 'figure', id: 'x', field: 'value_yuan', value: '1' }))).status).toBe(400);
    expect((await call(srv.port, 'POST', path, own(), 'x'.repeat(20_000))).status).toBe(413);
    expect(logCount()).toBe(before);
  });

  it('serves page images only for PDF documents in the database: no path from the request reaches the disk', async () => {
    for (const path of [`/page/${env.docId}/1.png`, '/page/999999/1.png', '/page/../../etc/passwd', '/page/1/1.png/../../../../etc/passwd', '/page/%2e%2e%2fetc%2fpasswd/1.png', '/page/1/0.png']) {
      const r = await call(srv.port, 'GET', path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body).not.toContain('root:');
    }
  });

  it('escapes document text: markup in a flag message is shown, never run', async () => {
    const r = await call(srv.port, 'GET', `/flag/${env.flagIds[2]}`);
    expect(r.status).toBe(200);
    expect(r.body).not.toContain(INJECTION);
    expect(r.body).not.toContain('<script>window.__pwned');
    expect(r.body).toContain('&lt;img src=x onerror=');
    expect(r.body).not.toMatch(/<script>[^<]/); // no inline script at all: only <script src="/assets/app.js">
    // text evidence is shown in its context, the quoted words marked
    expect(r.body).toMatch(/<blockquote class="ctx">.*<mark>.+<\/mark>/s);
  });

  it('records decisions in the review tables with who and when: review log, export, another server, undo', async () => {
    const id = env.flagIds[0];
    const path = `/api/flags/${id}/decision`;
    const d = await call(srv.port, 'POST', path, own(), JSON.stringify({ action: 'dismiss', reason: '口径不同，非错误' }));
    expect(d.status, d.body).toBe(200);
    expect(JSON.parse(d.body)).toEqual({ status: 'dismissed', changed: true });
    // the other analyst's server shows it on the next load
    const seen = await call(other.port, 'GET', `/flag/${id}`);
    expect(seen.body).toContain('已驳回');
    expect(seen.body).toContain('口径不同，非错误');
    expect(seen.body).toContain('李分析');
    // the command line and the export see the same decision
    const log = cli(['review', 'log', '--db', env.path]);
    expect(log.stdout).toMatch(/李分析\s+dismiss\s+flag test\.figure-conflict\|[0-9a-f]{16}\s+\(口径不同，非错误\)/);
    const out = join(env.dir, 'export.json');
    expect(cli(['export', '--db', env.path, '--format', 'json', '--out', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('口径不同，非错误');
    // confirm by the other analyst, then undo: back to dismissed with its reason
    const c = await call(other.port, 'POST', path, { Origin: `http://127.0.0.1:${other.port}`, 'Content-Type': 'application/json' }, JSON.stringify({ action: 'confirm' }));
    expect(JSON.parse(c.body).status).toBe('confirmed');
    const u = await call(srv.port, 'POST', path, own(), JSON.stringify({ action: 'undo' }));
    expect(JSON.parse(u.body).status).toBe('dismissed');
    expect((await call(srv.port, 'GET', `/flag/${id}`)).body).toContain('口径不同，非错误');
    const lines = cli(['review', 'log', '--db', env.path]).stdout.trim().split('\n');
    expect(lines.slice(-3).map((l) => l.split(/\s{2}/)[2])).toEqual(['dismiss', 'confirm', 'dismiss']);
    expect(lines[lines.length - 2]).toContain('王分析');
    // reopen, then undo: dismissed again
    await call(srv.port, 'POST', path, own(), JSON.stringify({ action: 'reopen' }));
    expect(JSON.parse((await call(srv.port, 'POST', path, own(), JSON.stringify({ action: 'undo' }))).body).status).toBe('dismissed');
  });

  it('corrects a value as `jixiao review correct` does', async () => {
    const r = await call(srv.port, 'POST', '/api/corrections', own(), JSON.stringify({ kind: 'figure', id: env.figureId, field: '金额', value: '380.00万元', reason: '原文为380.00万元' }));
    expect(r.status, r.body).toBe(200);
    expect(JSON.parse(r.body).correction.value_corrected).toBe(3_800_000);
    expect(cli(['review', 'list', '--db', env.path]).stdout).toMatch(/correction .*value_yuan: .* → 3800000\s+李分析/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/jixiao.mjs'), 'serve', '--db', env.path, '--port', '0', '--user', 'ci'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (c) => { out += c; const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out); if (m) ok(m[1]); });
      child.on('exit', (code) => fail(new Error(`exited ${code}`)));
    });
    const port = Number(new URL(url).port);
    expect((await call(port, 'GET', '/')).status).toBe(200);
    const exit = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    await expect(call(port, 'GET', '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});
