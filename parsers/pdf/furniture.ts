// Page furniture: running headers, footers and page numbers, recognised by their place near the
// page edge and by repetition over the pages (digits ignored) or the shape of a page number.
import type { Line } from './geometry.ts';

const PAGE_NUMBER = [
  /^[-—–─_~·•\s]*\d{1,4}[-—–─_~·•\s]*$/,
  /^[-—–─\s]*第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?[-—–─\s]*$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^(page\s*)?\d{1,4}(\s*of\s*\d{1,4})?$/i,
  /^[-—–─\s]*[ivxlc]{1,6}[-—–─\s]*$/i,
];

export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 24 && PAGE_NUMBER.some((re) => re.test(t));
}

export interface PageLines { page: number; height: number; lines: Line[] }

const key = (s: string) => s.replace(/\d+/g, '#').replace(/[\s\u3000]+/g, '');

/** Removes furniture lines in place; returns how many were removed. */
export function removeFurniture(pages: PageLines[]): number {
  const edgeZone = 0.1;
  const repeatZone = 0.13;
  const candidates = (p: PageLines) => {
    const top = p.lines.filter((l) => l.y < p.height * repeatZone).slice(0, 3);
    const bottom = p.lines.filter((l) => l.y > p.height * (1 - repeatZone)).slice(-3);
    return { top, bottom };
  };
  // how many pages carry each (zone, key)
  const counts = new Map<string, number>();
  for (const p of pages) {
    const { top, bottom } = candidates(p);
    const seen = new Set<string>();
    for (const l of top) seen.add('t' + key(l.text));
    for (const l of bottom) seen.add('b' + key(l.text));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const minRepeat = Math.max(3, Math.ceil(pages.length * 0.4));
  let removed = 0;
  for (const p of pages) {
    const { top, bottom } = candidates(p);
    const drop = new Set<Line>();
    for (const [zone, list] of [['t', top], ['b', bottom]] as const) {
      for (const l of list) {
        const nearEdge = zone === 't' ? l.y < p.height * edgeZone : l.y > p.height * (1 - edgeZone);
        if ((nearEdge && isPageNumber(l.text)) || (pages.length >= 3 && (counts.get(zone + key(l.text)) ?? 0) >= minRepeat)) drop.add(l);
      }
    }
    if (drop.size) {
      p.lines = p.lines.filter((l) => !drop.has(l));
      removed += drop.size;
    }
  }
  return removed;
}
