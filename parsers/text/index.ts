// Text parser: plain text as extracted from reports, and markdown converted from PDFs.
// It recognises the table shapes real extractions have:
//   - one cell per line, each line starting with a tab, a blank line between rows;
//   - tab-separated rows, one row per line (OCR output);
//   - HTML <table> markup and markdown pipe tables (markdown converters).
import type { Block, Cell, Message, Paragraph, ParsedDocument, Provenance } from '../../schemas/document.ts';
import { decodeText } from '../shared/decode.ts';
import { parseHtmlTable } from '../shared/html-table.ts';
import { sha256 } from '../shared/hash.ts';
import { cleanInline, stripBullet } from './inline.ts';
import { basename } from 'node:path';

type LineKind = 'blank' | 'cell' | 'row' | 'html' | 'pipe' | 'text';

function classify(line: string): LineKind {
  // a lone tab is an empty cell (a merged cell's place), not a blank line
  if (/^\t[^\t]*$/.test(line)) return 'cell';
  if (/^[\s\u3000]*$/.test(line)) return 'blank';
  if (line.includes('\t')) return 'row';
  if (/<table\b/i.test(line)) return 'html';
  if (/^\s*\|.*\|\s*$/.test(line)) return 'pipe';
  return 'text';
}

const cell = (text: string): Cell => ({ text: cleanInline(text).trim(), rowSpan: 1, colSpan: 1 });

export interface TextParseOptions { format?: 'txt' | 'md' }

export function parseText(path: string, bytes: Uint8Array, options: TextParseOptions = {}): ParsedDocument {
  const file = basename(path);
  const { text, encoding } = decodeText(bytes);
  const messages: Message[] = [];
  if (encoding !== 'utf-8') messages.push({ level: 'info', rule: 'text/encoding', text: `decoded as ${encoding}` });
  const lines = text.split(/\r\n|\r|\n/);
  const kinds = lines.map(classify);
  const blocks: Block[] = [];
  const at = (line: number, lineEnd = line): Provenance => (lineEnd > line ? { file, line, lineEnd } : { file, line });

  let i = 0;
  while (i < lines.length) {
    const kind = kinds[i];
    if (kind === 'blank') { i++; continue; }

    if (kind === 'cell') {
      // one cell per line; rows end at blank lines; the table ends at the first line of another kind
      const rows: Cell[][] = [];
      const rowSources: Provenance[] = [];
      const start = i;
      let current: Cell[] = [];
      let rowStart = i;
      let last = i;
      while (i < lines.length && (kinds[i] === 'cell' || kinds[i] === 'blank')) {
        if (kinds[i] === 'cell') {
          if (!current.length) rowStart = i;
          current.push(cell(lines[i].slice(1)));
          last = i;
        } else if (current.length) {
          rows.push(current); rowSources.push(at(rowStart + 1, last + 1)); current = [];
        }
        i++;
      }
      if (current.length) { rows.push(current); rowSources.push(at(rowStart + 1, last + 1)); }
      if (rows.length === 1 && rows[0].length === 1) {
        blocks.push(paragraph(rows[0][0].text, at(start + 1)));
      } else {
        blocks.push({ kind: 'table', rows, rowSources, source: at(start + 1, last + 1) });
      }
      continue;
    }

    if (kind === 'row') {
      const rows: Cell[][] = [];
      const rowSources: Provenance[] = [];
      const start = i;
      let last = i;
      // rows are consecutive lines; a single blank line between two rows does not end the table
      while (i < lines.length && (kinds[i] === 'row' || (kinds[i] === 'blank' && kinds[i + 1] === 'row'))) {
        if (kinds[i] === 'row') {
          rows.push(lines[i].split('\t').map(cell));
          rowSources.push(at(i + 1));
          last = i;
        }
        i++;
      }
      blocks.push({ kind: 'table', rows, rowSources, source: at(start + 1, last + 1) });
      continue;
    }

    if (kind === 'html') {
      const start = i;
      let html = lines[i];
      while (!/<\/table>/i.test(html) && i + 1 < lines.length) html += '\n' + lines[++i];
      const before = html.slice(0, html.search(/<table\b/i)).trim();
      if (before) blocks.push(paragraph(before, at(start + 1)));
      for (const m of html.matchAll(/<table\b[\s\S]*?(<\/table>|$)/gi)) {
        const rows = parseHtmlTable(m[0]);
        if (rows.length) blocks.push({ kind: 'table', rows: rows.map((r) => r.map((c) => ({ ...c, text: cleanInline(c.text) }))), source: at(start + 1, i + 1) });
      }
      const after = html.slice(html.search(/<\/table>(?![\s\S]*<\/table>)/i) + 8).trim();
      if (after && /<\/table>/i.test(html)) blocks.push(paragraph(after, at(i + 1)));
      i++;
      continue;
    }

    if (kind === 'pipe') {
      const rows: Cell[][] = [];
      const rowSources: Provenance[] = [];
      const start = i;
      while (i < lines.length && kinds[i] === 'pipe') {
        const inner = lines[i].trim().replace(/^\||\|$/g, '');
        if (!/^[\s|:-]+$/.test(inner)) { rows.push(inner.split('|').map(cell)); rowSources.push(at(i + 1)); }
        i++;
      }
      blocks.push({ kind: 'table', rows, rowSources, source: at(start + 1, i) });
      continue;
    }

    // plain text: one paragraph per line; a markdown heading keeps its level
    const raw = lines[i];
    const heading = /^\s*(#{1,6})\s+(.*)$/.exec(raw);
    if (heading) {
      blocks.push({ ...paragraph(heading[2], at(i + 1)), styleLevel: heading[1].length });
    } else {
      blocks.push(paragraph(stripBullet(raw.trim()), at(i + 1)));
    }
    i++;
  }

  return { file, path, format: options.format ?? (/\.(md|markdown)$/i.test(file) ? 'md' : 'txt'), sha256: sha256(bytes), blocks, messages };
}

function paragraph(text: string, source: Provenance): Paragraph {
  return { kind: 'paragraph', text: cleanInline(text).replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''), source };
}
