import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { detectFormat } from '../../parsers/detect.ts';
import { parseFile } from '../../parsers/index.ts';
import { ParseError } from '../../parsers/shared/errors.ts';

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url);
const corpus = (p: string) => new URL(p, CORPUS).pathname;
const bytes = (p: string) => new Uint8Array(readFileSync(p));

/**
 * A minimal OLE compound file (CFB v3, 512-byte sectors): header, one FAT sector, one directory
 * sector, then each stream's data in whole sectors (streams of 4096 bytes or more, so they live
 * outside the mini stream).
 */
function cfb(streams: Array<{ name: string; data?: Uint8Array }>): Uint8Array {
  const S = 512;
  const FREE = 0xffffffff, END = 0xfffffffe, FATSECT = 0xfffffffd;
  const dataSectors = streams.map((s) => Math.ceil((s.data?.length ?? 0) / S));
  const total = 2 + dataSectors.reduce((a, b) => a + b, 0);
  const out = new Uint8Array(S * (total + 1));
  const dv = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => { out[i] = b; });
  dv.setUint16(0x18, 0x3e, true); dv.setUint16(0x1a, 3, true); dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true); dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); dv.setUint32(0x30, 1, true); dv.setUint32(0x38, 4096, true);
  dv.setUint32(0x3c, END, true); dv.setUint32(0x44, END, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : FREE, true);
  const fat = S; // sector 0
  for (let i = 0; i < S / 4; i++) dv.setUint32(fat + i * 4, FREE, true);
  dv.setUint32(fat, FATSECT, true);
  dv.setUint32(fat + 4, END, true);
  const dir = 2 * S; // sector 1
  const entry = (i: number, name: string, type: number, start: number, size: number) => {
    const e = dir + i * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(e + k * 2, name.charCodeAt(k), true);
    dv.setUint16(e + 0x40, (name.length + 1) * 2, true);
    out[e + 0x42] = type;
    dv.setUint32(e + 0x44, FREE, true); dv.setUint32(e + 0x48, FREE, true); dv.setUint32(e + 0x4c, FREE, true);
    dv.setUint32(e + 0x74, start, true); dv.setUint32(e + 0x78, size, true);
  };
  entry(0, 'Root Entry', 5, END, 0);
  let next = 2;
  streams.forEach((s, i) => {
    const n = dataSectors[i];
    const start = n ? next : END;
    for (let k = 0; k < n; k++) dv.setUint32(fat + (next + k) * 4, k === n - 1 ? END : next + k + 1, true);
    if (s.data) out.set(s.data, (next + 1) * S);
    entry(i + 1, s.name, 2, start, s.data?.length ?? 0);
    next += n;
  });
  return out;
}

async function rule(p: Promise<unknown>): Promise<string> {
  try { await p; return 'no error'; } catch (err) { return err instanceof ParseError ? err.rule : `other: ${(err as Error).message}`; }
}
const syncRule = (f: () => unknown) => { try { f(); return 'no error'; } catch (err) { return err instanceof ParseError ? err.rule : 'other'; } };

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'jixiao-detect-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('detectFormat', () => {
  it('knows the corpus formats from their bytes', () => {
    expect(detectFormat(bytes(corpus('docx/xuwen-2023-dept-self-eval.docx')))).toBe('docx');
    expect(detectFormat(bytes(corpus('xlsx/xihu-2022-dept-self-eval.xlsx')))).toBe('xlsx');
    expect(detectFormat(bytes(corpus('pdf/xuwen-2023-dept-self-eval.pdf')))).toBe('pdf');
    expect(detectFormat(bytes(corpus('txt/xuwen-2023-dept-self-eval.txt')))).toBe('txt');
    expect(detectFormat(strToU8('# 标题\n正文'), 'a.md')).toBe('md');
    expect(detectFormat(new Uint8Array(0))).toBe('empty');
    expect(detectFormat(zipSync({ 'a.txt': strToU8('x') }))).toBe('zip');
    expect(detectFormat(strToU8('{\\rtf1\\ansi 正文}'), 'x.doc')).toBe('doc');
  });

  it('tells a Word 97 file from an Excel 97 file by the OLE directory', () => {
    expect(detectFormat(cfb([{ name: 'WordDocument' }, { name: '1Table' }]))).toBe('doc');
    expect(detectFormat(cfb([{ name: 'Workbook' }]))).toBe('xls');
    expect(detectFormat(cfb([{ name: 'Book' }]))).toBe('xls');
    expect(detectFormat(cfb([{ name: 'PowerPoint Document' }]))).toBe('ole');
    // the text of a stream does not fool it: only directory names count
    const text = new Uint8Array(4096);
    strToU8('W\0o\0r\0k\0b\0o\0o\0k\0').forEach((b, i) => { text[i] = b; });
    expect(detectFormat(cfb([{ name: 'WordDocument', data: text }]))).toBe('doc');
  });

  it('throws office/encrypted for password-protected DOCX/XLSX, .doc and .xls', () => {
    expect(syncRule(() => detectFormat(cfb([{ name: 'EncryptionInfo' }, { name: 'EncryptedPackage' }]), 'secret.docx'))).toBe('office/encrypted');
    const fib = new Uint8Array(4096);
    fib[0] = 0xec; fib[1] = 0xa5; fib[0x0b] = 0x01; // wIdent, fEncrypted
    expect(syncRule(() => detectFormat(cfb([{ name: 'WordDocument', data: fib }]), 'secret.doc'))).toBe('office/encrypted');
    fib[0x0b] = 0;
    expect(detectFormat(cfb([{ name: 'WordDocument', data: fib }]))).toBe('doc');
    const biff = new Uint8Array(4096);
    // BOF (0x0809, 16 bytes) then FILEPASS (0x002F)
    biff.set([0x09, 0x08, 0x10, 0x00], 0);
    biff.set([0x2f, 0x00, 0x02, 0x00, 0x00, 0x00], 20);
    expect(syncRule(() => detectFormat(cfb([{ name: 'Workbook', data: biff }]), 'secret.xls'))).toBe('office/encrypted');
  });

  it('falls back to the stream names in the bytes when the OLE header is damaged', () => {
    const f = cfb([{ name: 'WordDocument' }]);
    f[0x1e] = 7; // impossible sector size
    expect(detectFormat(f)).toBe('doc');
  });
});

describe('parseFile goes by the bytes, not the name', () => {
  it('parses a .docx renamed .pdf or .txt as DOCX', async () => {
    for (const name of ['report.pdf', 'report.txt', 'report']) {
      const p = join(tmp, name);
      copyFileSync(corpus('docx/xuwen-2023-dept-self-eval.docx'), p);
      const doc = await parseFile(p);
      expect(doc.format).toBe('docx');
      expect(doc.file).toBe(name);
      expect(doc.blocks.filter((b) => b.kind === 'table')).toHaveLength(1);
      expect(doc.blocks.some((b) => b.kind === 'paragraph' && b.text === '一、单位基本情况')).toBe(true);
    }
  });

  it('parses an .xlsx renamed .doc as XLSX', async () => {
    const p = join(tmp, 'tables.doc');
    copyFileSync(corpus('xlsx/xihu-2022-dept-self-eval.xlsx'), p);
    const doc = await parseFile(p);
    expect(doc.format).toBe('xlsx');
    expect(doc.blocks.filter((b) => b.kind === 'table')).toHaveLength(3);
  });

  it('sends a damaged package to its own parser, which reports it as corrupt', async () => {
    const docx = bytes(corpus('docx/xuwen-2023-dept-self-eval.docx'));
    expect(await rule(parseFile('cut.docx', docx.subarray(0, docx.length - 200)))).toBe('docx/corrupt');
    const xlsx = bytes(corpus('xlsx/xihu-2022-dept-self-eval.xlsx'));
    expect(await rule(parseFile('cut.xlsx', xlsx.subarray(0, xlsx.length - 200)))).toBe('xlsx/corrupt');
  });

  it('rejects an encrypted Office file with office/encrypted', async () => {
    expect(await rule(parseFile('locked.docx', cfb([{ name: 'EncryptionInfo' }, { name: 'EncryptedPackage' }])))).toBe('office/encrypted');
  });
});
