// Reads HTML <table> markup (as in markdown converted from PDF by MinerU) into rows of cells with spans.
import type { Cell } from '../../schemas/document.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function parseHtmlTable(html: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const tr of html.matchAll(/<tr\b[^>]*>([\s\S]*?)(?=<tr\b|<\/table>|$)/gi)) {
    const cells: Cell[] = [];
    for (const td of tr[1].matchAll(/<t([dh])\b([^>]*)>([\s\S]*?)(?=<t[dh]\b|<\/tr>|$)/gi)) {
      const attrs = td[2];
      const span = (name: string) => Math.max(1, Number(new RegExp(`${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(attrs)?.[1] ?? 1));
      const text = decodeEntities(td[3].replace(/<br\s*\/?>/gi, '\n').replace(/<\/t[dh]>/gi, '').replace(/<[^>]+>/g, '')).trim();
      cells.push({ text, rowSpan: span('rowspan'), colSpan: span('colspan') });
    }
    if (cells.length) rows.push(cells);
  }
  return rows;
}
