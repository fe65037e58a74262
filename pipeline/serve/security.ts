// Request checks made before any routing: the Host a request names must be this server (a page on
// another site reaching 127.0.0.1 through a rebound DNS name names its own host), and a request that
// changes state must come from this server's own pages (its Origin, else its Referer, is this server).
// A browser always sends Origin on a cross-origin POST, so a foreign page gets 403 whatever the path.
import type { IncomingMessage } from 'node:http';

export interface Allowed { hosts: Set<string> }

/** The host:port names this server answers to: the address it listens on, and localhost for loopback. */
export function allowedHosts(host: string, port: number): Allowed {
  const names = new Set<string>();
  const add = (h: string) => names.add(`${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`.toLowerCase());
  add(host);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') { add('127.0.0.1'); add('localhost'); add('::1'); }
  return { hosts: names };
}

const SAFE = new Set(['GET', 'HEAD']);

export type Verdict = { ok: true } | { ok: false; status: 403 | 405; reason: string };

export function checkRequest(req: Pick<IncomingMessage, 'method' | 'headers'>, allowed: Allowed): Verdict {
  const host = String(req.headers.host ?? '').toLowerCase();
  if (!allowed.hosts.has(host)) return { ok: false, status: 403, reason: `Host "${host}" is not this server` };
  const method = req.method ?? 'GET';
  if (SAFE.has(method)) return { ok: true };
  if (method !== 'POST') return { ok: false, status: 405, reason: `${method} is not allowed` };
  const origin = req.headers.origin;
  if (origin != null) {
    if (origin === 'null' || !allowed.hosts.has(hostOf(origin))) return { ok: false, status: 403, reason: `Origin "${origin}" is not this server` };
    return { ok: true };
  }
  const referer = req.headers.referer;
  if (referer && allowed.hosts.has(hostOf(referer))) return { ok: true };
  return { ok: false, status: 403, reason: 'a request that changes data must come from this server\'s pages (no Origin)' };
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:') return '';
    return u.host.toLowerCase().includes(':') ? u.host.toLowerCase() : `${u.host.toLowerCase()}:80`;
  } catch {
    return '';
  }
}

/** Headers on every answer: no remote source of any kind, no framing, no sniffing. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
