import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { convertLegacy, findSoffice } from '../../parsers/legacy.ts';
import { parseFile } from '../../parsers/index.ts';
import { ParseError } from '../../parsers/shared/errors.ts';
import type { Paragraph, Table } from '../../schemas/document.ts';

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url);
const soffice = findSoffice();

/** The smallest OLE compound file whose directory names a WordDocument stream (not a valid .doc). */
function fakeDoc(): Uint8Array {
  const S = 512;
  const out = new Uint8Array(S * 3);
  const dv = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => { out[i] = b; });
  dv.setUint16(0x18, 0x3e, true); dv.setUint16(0x1a, 3, true); dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true); dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); dv.setUint32(0x30, 1, true); dv.setUint32(0x38, 4096, true);
  dv.setUint32(0x3c, 0xfffffffe, true); dv.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  for (let i = 0; i < S / 4; i++) dv.setUint32(S + i * 4, i === 0 ? 0xfffffffd : i === 1 ? 0xfffffffe : 0xffffffff, true);
  const entry = (i: number, name: string, type: number) => {
    const e = 2 * S + i * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(e + k * 2, name.charCodeAt(k), true);
    dv.setUint16(e + 0x40, (name.length + 1) * 2, true);
    out[e + 0x42] = type;
    dv.setUint32(e + 0x74, 0xfffffffe, true);
  };
  entry(0, 'Root Entry', 5);
  entry(1, 'WordDocument', 2);
  return out;
}

async function caught(p: Promise<unknown>): Promise<ParseError | Error | undefined> {
  try { await p; return undefined; } catch (err) { return err as Error; }
}

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'jixiao-legacy-test-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('legacy .doc/.xls', () => {
  it('without LibreOffice: legacy/no-soffice, saying how to convert', async () => {
    const err = await caught(convertLegacy('old.doc', fakeDoc(), 'doc', parseFile, { soffice: null }));
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).rule).toBe('legacy/no-soffice');
    expect(err!.message).toMatch(/LibreOffice/);
    expect(err!.message).toMatch(/\.docx/);
    const xls = await caught(convertLegacy('old.xls', fakeDoc(), 'xls', parseFile, { soffice: null }));
    expect(xls!.message).toMatch(/\.xlsx/);
  });

  it.skipIf(soffice)('parseFile on a .doc raises legacy/no-soffice when soffice is not installed', async () => {
    const err = await caught(parseFile(join(tmp, 'old.doc'), fakeDoc()));
    expect((err as ParseError).rule).toBe('legacy/no-soffice');
  });

  it.runIf(soffice)('with LibreOffice: a real .doc and .xls are converted and parsed, keeping their identity', async () => {
    // make real Word 97 / Excel 97 files from the corpus
    for (const [src, fmt] of [['docx/xuwen-2023-dept-self-eval.docx', 'doc'], ['xlsx/xihu-2022-dept-self-eval.xlsx', 'xls']] as const) {
      const r = spawnSync(soffice!, [`-env:UserInstallation=file://${join(tmp, 'profile')}`, '--headless', '--convert-to', fmt, '--outdir', tmp, new URL(src, CORPUS).pathname], { timeout: 120_000 });
      expect(r.status).toBe(0);
    }
    const docPath = join(tmp, 'xuwen-2023-dept-self-eval.doc');
    const docBytes = new Uint8Array(readFileSync(docPath));
    const doc = await parseFile(docPath);
    expect(doc.format).toBe('doc');
    expect(doc.file).toBe('xuwen-2023-dept-self-eval.doc');
    expect(doc.path).toBe(docPath);
    expect(doc.sha256).toBe(createHash('sha256').update(docBytes).digest('hex'));
    expect(doc.messages.map((m) => m.rule)).toContain('legacy/converted');
    expect(doc.blocks.some((b) => b.kind === 'paragraph' && (b as Paragraph).text === '一、单位基本情况')).toBe(true);
    const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0].rows.flat().some((c) => c.rowSpan > 1)).toBe(true);
    expect(tables[0].source.file).toBe('xuwen-2023-dept-self-eval.doc');
    expect(tables[0].rowSources!.every((s) => s.file === 'xuwen-2023-dept-self-eval.doc')).toBe(true);

    const xls = await parseFile(join(tmp, 'xihu-2022-dept-self-eval.xls'));
    expect(xls.format).toBe('xls');
    const xt = xls.blocks.filter((b): b is Table => b.kind === 'table');
    expect(xt).toHaveLength(3);
    expect(xt[0].source).toMatchObject({ file: 'xihu-2022-dept-self-eval.xls', sheet: '绩效目标表' });
    expect(xt[0].rows.flat().filter((c) => c.rowSpan > 1 || c.colSpan > 1)).toHaveLength(16);
  });

  it('times out a converter that hangs, and reports one that produces nothing', async () => {
    const hang = join(tmp, 'hang.sh');
    writeFileSync(hang, '#!/usr/bin/env node\nsetTimeout(() => {}, 30000);\n');
    chmodSync(hang, 0o755);
    const t0 = Date.now();
    const err = await caught(convertLegacy('old.doc', fakeDoc(), 'doc', parseFile, { soffice: hang, timeoutMs: 300 }));
    expect((err as ParseError).rule).toBe('legacy/timeout');
    expect(Date.now() - t0).toBeLessThan(5000);
    const noop = join(tmp, 'noop.sh');
    writeFileSync(noop, '#!/bin/sh\nexit 0\n');
    chmodSync(noop, 0o755);
    expect(((await caught(convertLegacy('old.doc', fakeDoc(), 'doc', parseFile, { soffice: noop }))) as ParseError).rule).toBe('legacy/convert-failed');
  });
});
