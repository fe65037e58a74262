// The review page as a file: self-contained, escaped, with every report and flag in it.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, corpusDatabase, INJECTION } from '../export/setup.ts';
import { esc } from '../../pipeline/report/escape.ts';

let html: string;
let env: Awaited<ReturnType<typeof corpusDatabase>>;

beforeAll(async () => {
  env = await corpusDatabase('jixiao-report-');
  const out = join(env.dir, 'report.html');
  const r = cli(['report', '--db', env.path, '--out', out]);
  expect(r.status, r.stderr).toBe(0);
  html = readFileSync(out, 'utf8');
});

describe('review page file', () => {
  it('is one self-contained file: no external resources, a CSP that forbids the network', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:|\/\/)/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
    expect(html).toContain('Noto Sans CJK SC');
  });

  it('escapes every text from the reports', () => {
    expect(html).not.toContain(INJECTION);
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).toContain(esc(INJECTION));
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(esc(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;');
  });

  it('has the overview, one view per report and a card per flag with highlighted evidence', () => {
    expect(html).toContain('id="overview"');
    expect(html.match(/<section class="view" id="doc-\d+"/g)).toHaveLength(5);
    for (const id of env.flagIds) expect(html).toContain(`id="flag-${id}"`);
    expect(html).toMatch(new RegExp(`id="flag-${env.flagIds[0]}"[\\s\\S]*?<mark class="hl">[^<]+</mark>`));
    expect(html).toContain('<svg');
    expect(html).toContain('南昌市西湖区医疗保障局');
  });
});
