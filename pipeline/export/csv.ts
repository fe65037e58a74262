// CSV out and in. Out: UTF-8 with a byte-order mark (so Excel and LibreOffice pick UTF-8 for Chinese),
// RFC 4180 (comma, CRLF, fields quoted when they hold a comma, quote or line break, quotes doubled),
// one file per table. Numbers are written plain (no thousands separators), empty for null.
// A text cell that a spreadsheet would read as a formula (=, +, @, or - not starting a number) gets a
// leading apostrophe (a bare comparator such as = stays as it is); the review import drops it again.
// In: the same, tolerant of what spreadsheets save back: no BOM, GB18030 (Excel "CSV" on Chinese Windows),
// LF line ends, semicolon or tab separators.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Column, Row, Table } from './tables.ts';

export type HeaderStyle = 'zh' | 'en';

function field(v: string | number | null | undefined): string {
  if (v == null) return '';
  let s: string;
  if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else {
    s = v;
    if ((/^[=+@\t\r]/.test(s) || (/^-/.test(s) && !/^-\d+(\.\d+)?$/.test(s))) && !/^[<>=]=?$/.test(s)) s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableToCsv(table: Table, headers: HeaderStyle = 'zh'): string {
  const lines = [csvHeaderLine(table.columns, headers)];
  for (const row of table.rows) lines.push(csvLine(table.columns, row));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The header line of a table (without BOM or line end). */
export const csvHeaderLine = (columns: Column[], headers: HeaderStyle = 'zh') => columns.map((c) => field(headers === 'zh' ? c.zh : c.key)).join(',');
/** One row as a CSV line (without line end). */
export const csvLine = (columns: Column[], row: Row) => columns.map((c) => field(row[c.key])).join(',');

/** Writes documents.csv, figures.csv, … into the folder; returns the paths written. */
export function writeCsvFolder(dir: string, tables: Table[], headers: HeaderStyle = 'zh'): string[] {
  mkdirSync(dir, { recursive: true });
  return tables.map((t) => {
    const path = join(dir, `${t.name}.csv`);
    writeFileSync(path, tableToCsv(t, headers));
    return path;
  });
}

/** Decodes a CSV file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return iconv.decode(b.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(b, 'gb18030');
  }
}

/** Parses CSV text (RFC 4180; the separator is guessed from the header line: comma, semicolon or tab). */
export function parseCsv(text: string): string[][] {
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const sep = [',', ';', '\t'].sort((a, b) => count(b) - count(a))[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((c) => c !== ''));
}
