// Finds a flag's evidence in the document text (the blocks table) and cuts an excerpt around it, so the
// review page can show the quoted words highlighted where they stand.
import type { Provenance } from '../../schemas/document.ts';
import type { Evidence } from '../../schemas/records.ts';
import type { Db } from '../store/types.ts';

export interface BlockRow { ord: number; kind: string; text: string; source: Provenance }

export interface EvidenceView {
  /** The text before the match, the match, the text after, within the excerpt (match empty when not found). */
  before: string; match: string; after: string;
  /** Tail of the previous block and head of the next one, for context. */
  previous: string | null; next: string | null;
  found: boolean;
}

/** The text blocks of the files a page quotes, read up front so the page renders without the store. */
export class BlockIndex {
  private constructor(private byFile: Map<string, BlockRow[]>) {}

  static async load(db: Db, files: Iterable<string>): Promise<BlockIndex> {
    const byFile = new Map<string, BlockRow[]>();
    for (const file of new Set(files)) {
      const doc = await db.get<{ id: number }>('SELECT id FROM documents WHERE file = ? ORDER BY id LIMIT 1', [file]);
      byFile.set(file, doc ? (await db.all('SELECT ord, kind, text, source FROM blocks WHERE document_id = ? ORDER BY ord', [doc.id]))
        .map((b) => ({ ord: b.ord, kind: b.kind, text: b.text, source: JSON.parse(b.source) as Provenance })) : []);
    }
    return new BlockIndex(byFile);
  }

  blocks(file: string): BlockRow[] {
    return this.byFile.get(file) ?? [];
  }
}

/** The text with white space and cell separators dropped, and where each kept character came from. */
function squeeze(s: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (/[\s\u3000|]/.test(ch)) continue;
    for (const c of ch.normalize('NFKC')) { text += c; at.push(i); }
  }
  return { text, at };
}

function placeMatches(ev: Provenance, b: Provenance): boolean {
  if (ev.line != null) {
    if (b.line == null) return false;
    return ev.line <= (b.lineEnd ?? b.line) && b.line <= (ev.lineEnd ?? ev.line);
  }
  if (ev.page != null) return b.page === ev.page;
  if (ev.block != null) return b.block === ev.block;
  if (ev.sheet != null) return b.sheet === ev.sheet;
  return false;
}

function locate(text: string, needle: string): [number, number] | null {
  const n = squeeze(needle).text;
  if (!n) return null;
  const h = squeeze(text);
  const i = h.text.indexOf(n);
  if (i < 0) return null;
  return [h.at[i], h.at[i + n.length - 1] + 1];
}

const WINDOW = 180;
const tableText = (s: string) => s.replace(/\t/g, ' │ ');

export function viewEvidence(index: BlockIndex, ev: Evidence, fallbackFile: string): EvidenceView {
  const blocks = index.blocks(ev.file || fallbackFile);
  const placed = blocks.filter((b) => placeMatches(ev.source ?? { file: ev.file }, b.source));
  for (const pool of [placed, blocks]) {
    for (const b of pool) {
      const hit = locate(b.text, ev.text);
      if (!hit) continue;
      let [s, e] = hit;
      let text = b.text;
      if (b.kind === 'table') {
        // only the table rows around the match
        const lines = text.split('\n');
        let pos = 0; let first = 0; let last = lines.length - 1;
        lines.forEach((l, li) => { if (pos <= s && s <= pos + l.length) first = li; if (pos <= e && e <= pos + l.length + 1) last = li; pos += l.length + 1; });
        const from = Math.max(0, first - 2); const to = Math.min(lines.length - 1, last + 2);
        const offset = lines.slice(0, from).reduce((n, l) => n + l.length + 1, 0);
        text = lines.slice(from, to + 1).join('\n');
        s -= offset; e -= offset;
        return { before: tableText(text.slice(0, s)), match: tableText(text.slice(s, e)), after: tableText(text.slice(e)), previous: null, next: null, found: true };
      }
      const i = blocks.indexOf(b);
      const prev = blocks[i - 1]?.kind === 'paragraph' ? blocks[i - 1].text : null;
      const next = blocks[i + 1]?.kind === 'paragraph' ? blocks[i + 1].text : null;
      const before = s > WINDOW ? '…' + text.slice(s - WINDOW, s) : text.slice(0, s);
      const after = text.length - e > WINDOW ? text.slice(e, e + WINDOW) + '…' : text.slice(e);
      return {
        before, match: text.slice(s, e), after,
        previous: prev ? (prev.length > 80 ? '…' + prev.slice(-80) : prev) : null,
        next: next ? (next.length > 80 ? next.slice(0, 80) + '…' : next) : null,
        found: true,
      };
    }
  }
  return { before: '', match: ev.text, after: '', previous: null, next: null, found: false };
}
