// The review workbench's HTTP server (node:http): request checks first (security.ts), then routes;
// request bodies validated with zod; all database access through data.ts; page images through the
// render cache, for documents in the database only (a request names a document id and a page
// number, never a path).
import { isPostgresUrl } from '../store/open.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { Box } from '../../schemas/document.ts';
import * as data from './data.ts';
import { CSS, JS } from './assets.ts';
import { errorPage, flagPageHtml, overviewPage, pageView, reportPage, PAGE_SCALE, type EvidencePanel } from './html.ts';
import { PageCache } from './render.ts';
import { allowedHosts, checkRequest, SECURITY_HEADERS } from './security.ts';

export interface ServeOptions {
  db: string;
  host?: string;
  port?: number;
  user: string;
  /** Where rendered pages are kept (default: .jixiao-cache/pages beside the database). */
  cacheDir?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

const Id = z.coerce.number().int().positive().max(2 ** 31);
const Decision = z.object({
  action: z.enum(['confirm', 'dismiss', 'reopen', 'undo']),
  reason: z.string().trim().max(2000).nullable().optional(),
}).strict();
const Correction = z.object({
  kind: z.enum(['figure', 'indicator', 'score', 'project']),
  id: z.number().int().positive(),
  field: z.string().trim().min(1).max(100),
  value: z.string().trim().min(1).max(200),
  reason: z.string().trim().max(2000).nullable().optional(),
}).strict();
const OverviewQuery = z.object({
  q: z.string().max(200).optional(),
  year: z.union([z.literal(''), z.coerce.number().int().min(1949).max(2100)]).optional(),
  status: z.enum(['', 'open', 'confirmed', 'dismissed']).optional(),
});
const BoxQuery = z.string().regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/).transform((s): Box => {
  const [x0, y0, x1, y1] = s.split(',').map(Number);
  return { x0, y0, x1, y1 };
});

class HttpError extends Error {
  constructor(public status: number, message: string) { super(message); }
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const d = await data.openData(options.db);
  // page images are cached beside a database file; for a shared server, in the folder the workbench runs from
  const cacheHome = isPostgresUrl(options.db) ? process.cwd() : dirname(resolve(options.db));
  const cache = new PageCache(options.cacheDir ?? join(cacheHome, '.jixiao-cache', 'pages'));
  const log = options.log ?? (() => undefined);
  let allowed = allowedHosts(host, options.port ?? 0);

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
    res.end(body);
  };
  const html = (res: ServerResponse, body: string, status = 200) => send(res, status, 'text/html; charset=utf-8', body, { 'Cache-Control': 'no-store' });
  const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), { 'Cache-Control': 'no-store' });

  async function readJson(req: IncomingMessage): Promise<unknown> {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    // only JSON: an HTML form (or a "simple" cross-site request) cannot send it
    if (type !== 'application/json') throw new HttpError(415, 'send JSON (Content-Type: application/json)');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new HttpError(413, 'request body too large');
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new HttpError(400, 'the body is not JSON');
    }
  }

  function parse<T>(schema: z.ZodType<T>, value: unknown): T {
    const r = schema.safeParse(value);
    if (!r.success) throw new HttpError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    return r.data;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;
    if (method === 'POST') {
      if ((m = /^\/api\/flags\/(\d+)\/decision$/.exec(path))) {
        const body = parse(Decision, await readJson(req));
        const id = parse(Id, m[1]);
        const r = await data.decide(d, id, body.action, body.reason ?? null, options.user);
        log(`${options.user} ${body.action} flag ${id}${body.reason ? ` (${body.reason})` : ''}`);
        return json(res, 200, r);
      }
      if (path === '/api/corrections') {
        const body = parse(Correction, await readJson(req));
        const c = await data.correctValue(d, body.kind, body.id, body.field, body.value, body.reason ?? null, options.user);
        log(`${options.user} corrected ${body.kind} ${body.id} ${body.field}`);
        return json(res, 200, { changed: c != null, correction: c });
      }
      throw new HttpError(404, 'no such action');
    }
    if (path === '/assets/app.css') return send(res, 200, 'text/css; charset=utf-8', CSS, { 'Cache-Control': 'no-cache' });
    if (path === '/assets/app.js') return send(res, 200, 'text/javascript; charset=utf-8', JS, { 'Cache-Control': 'no-cache' });
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (path === '/') {
      const q = parse(OverviewQuery, Object.fromEntries(url.searchParams));
      return html(res, overviewPage(await data.overview(d), { q: q.q, year: typeof q.year === 'number' ? q.year : undefined, status: q.status || undefined }, options.user));
    }
    if ((m = /^\/report\/(\d+)$/.exec(path))) {
      const doc = await data.report(d, parse(Id, m[1]));
      if (!doc) throw new HttpError(404, 'no such report');
      return html(res, reportPage(doc, options.user));
    }
    if ((m = /^\/flag\/(\d+)$/.exec(path))) {
      const p = await data.flagPage(d, parse(Id, m[1]));
      if (!p) throw new HttpError(404, 'no such flag (the checks may have run again: open it from its report)');
      const panels: EvidencePanel[] = await Promise.all(p.flag.evidence.map(async (ev) => {
        const doc = await data.documentOfEvidence(d, ev, p.doc);
        const onPage = doc.format === 'pdf' && ev.source.page != null;
        return { ev, docId: doc.id, format: doc.format, context: onPage ? null : await data.evidenceInContext(d, ev, doc.file), boxes: onPage ? await data.evidenceBoxes(d, doc, ev) : [] };
      }));
      return html(res, flagPageHtml(p, panels, options.user));
    }
    if ((m = /^\/doc\/(\d+)\/page\/(\d+)$/.exec(path))) {
      const doc = await data.documentRow(d, parse(Id, m[1]));
      const page = parse(Id, m[2]);
      if (!doc || doc.format !== 'pdf' || (doc.pages != null && page > doc.pages)) throw new HttpError(404, 'no such page');
      const box = url.searchParams.has('box') ? parse(BoxQuery, url.searchParams.get('box')) : null;
      return html(res, pageView(doc, page, box, options.user));
    }
    if ((m = /^\/page\/(\d+)\/(\d+)\.png$/.exec(path))) {
      const doc = await data.documentRow(d, parse(Id, m[1]));
      const page = parse(Id, m[2]);
      if (!doc || doc.format !== 'pdf' || (doc.pages != null && page > doc.pages)) throw new HttpError(404, 'no such page');
      const png = await cache.get(doc.sha256, () => {
        const bytes = data.documentBytes(d, doc);
        if (!bytes) throw new HttpError(404, `${doc.file}: the file is no longer at ${doc.path} (or has changed since it was imported)`);
        return bytes;
      }, page, PAGE_SCALE);
      return send(res, 200, 'image/png', png, { 'Cache-Control': 'private, max-age=86400' });
    }
    throw new HttpError(404, 'no such page');
  }

  const server = createServer((req, res) => {
    const verdict = checkRequest(req, allowed);
    if (!verdict.ok) {
      log(`refused ${req.method} ${req.url}: ${verdict.reason}`);
      return json(res, verdict.status, { error: verdict.reason });
    }
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof data.ReviewError ? 400 : 500;
      const message = (e as Error).message ?? String(e);
      if (status === 500) log(`error on ${req.method} ${req.url}: ${(e as Error).stack ?? message}`);
      if (res.headersSent) { res.destroy(); return; }
      if (req.method === 'POST' || (req.url ?? '').startsWith('/page/')) json(res, status, { error: message });
      else html(res, errorPage(status, message, options.user), status);
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => { server.off('error', fail); ok(); });
  });
  const port = (server.address() as { port: number }).port;
  allowed = allowedHosts(host, port);
  const shown = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    server, port, url: `http://${shown}:${port}/`,
    close() {
      closing ??= new Promise<void>((ok) => {
        server.close(() => { data.close(d).then(ok, ok); });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
