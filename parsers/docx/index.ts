// DOCX parser: reads word/document.xml (with numbering.xml and styles.xml) directly.
// mammoth is not used: it drops the labels Word's automatic numbering draws (一、 （一）) and
// flattens merge detail; reading the XML keeps both. The zip is read with a bounded reader
// (declared and actual uncompressed size capped) so a zip bomb fails fast.
import { basename } from 'node:path';
import type { Block, Cell, Message, Paragraph, ParsedDocument, Provenance, Table } from '../../schemas/document.ts';
import { ParseError } from '../shared/errors.ts';
import { sha256 } from '../shared/hash.ts';
import { Numbering, Styles } from './numbering.ts';
import { child, elements, intVal, isW, parseXml, val, attr, type XNode } from './xml.ts';
import { ZipError, ZipReader } from './zip.ts';

export interface DocxOptions {
  /** Cap on the uncompressed bytes read from the package; default 200 MB. */
  maxBytes?: number;
}

const MATH_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/math';
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Main document part: word/document.xml, or wherever the package relationships point. */
function mainPart(zip: ZipReader): string {
  if (zip.has('word/document.xml')) return 'word/document.xml';
  const rels = zip.readText('_rels/.rels');
  const m = rels && /Target="\/?([^"]*document[^"]*\.xml)"/i.exec(rels);
  if (m && zip.has(m[1])) return m[1];
  throw new ZipError('corrupt', 'no word/document.xml in the package');
}

export async function parseDocx(path: string, bytes: Uint8Array, options: DocxOptions = {}): Promise<ParsedDocument> {
  const file = basename(path);
  let zip: ZipReader;
  let docXml: string, numXml: string | undefined, styleXml: string | undefined;
  try {
    zip = new ZipReader(bytes, { maxBytes: options.maxBytes });
    const main = mainPart(zip);
    const parts = [main, 'word/numbering.xml', 'word/styles.xml'];
    zip.checkDeclared(parts);
    docXml = zip.readText(main)!;
    numXml = zip.readText('word/numbering.xml');
    styleXml = zip.readText('word/styles.xml');
  } catch (err) {
    if (err instanceof ZipError) throw new ParseError(path, err.kind === 'too-large' ? 'docx/too-large' : 'docx/corrupt', err.message);
    throw new ParseError(path, 'docx/corrupt', `cannot read the package: ${(err as Error).message}`);
  }
  let root: XNode, styles: Styles, numbering: Numbering;
  try {
    root = parseXml(docXml, 'word/document.xml');
    styles = new Styles(styleXml ? parseXml(styleXml, 'word/styles.xml') : undefined);
    numbering = new Numbering(numXml ? parseXml(numXml, 'word/numbering.xml') : undefined, styles);
  } catch (err) {
    throw new ParseError(path, 'docx/corrupt', (err as Error).message);
  }
  const body = child(root, 'body');
  if (!body) throw new ParseError(path, 'docx/corrupt', 'word/document.xml has no w:body');

  const walker = new Walker(file, styles, numbering);
  const blocks = walker.body(body);
  return { file, path, format: 'docx', sha256: sha256(bytes), blocks, messages: walker.messages() };
}

/** Body-level content in order, looking through content controls and custom XML wrappers. */
function blockElements(container: XNode): XNode[] {
  const out: XNode[] = [];
  for (const el of elements(container)) {
    if (isW(el, 'p') || isW(el, 'tbl')) out.push(el);
    else if (isW(el, 'sdt')) { const c = child(el, 'sdtContent'); if (c) out.push(...blockElements(c)); }
    else if (isW(el, 'customXml') || isW(el, 'ins') || isW(el, 'moveTo')) out.push(...blockElements(el));
  }
  return out;
}

function wrapped(container: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  for (const el of elements(container)) {
    if (isW(el, name)) out.push(el);
    else if (isW(el, 'sdt')) { const c = child(el, 'sdtContent'); if (c) out.push(...wrapped(c, name)); }
    else if (isW(el, 'customXml')) out.push(...wrapped(el, name));
  }
  return out;
}

/** A short line that names a table: 表1…, …表, …表（2023年度）. */
const isCaption = (t: string) => t.length <= 40 && !/见/.test(t) && !/[。；;]$/.test(t) && (/^(附)?表\s*[0-9一二三四五六七八九十]/.test(t) || /表(\s*[（(][^）)]*[）)])?$/.test(t));
const trim = (s: string) => s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
const isCjk = (ch: string | undefined) => !!ch && /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(ch);

class Walker {
  private tracked = false;
  private textBoxes = 0;
  private numbered = 0;

  constructor(private readonly file: string, private readonly styles: Styles, private readonly numbering: Numbering) {}

  messages(): Message[] {
    const out: Message[] = [];
    if (this.numbered) out.push({ level: 'info', rule: 'docx/numbering', text: `${this.numbered} paragraph labels recovered from Word's automatic numbering` });
    if (this.tracked) out.push({ level: 'info', rule: 'docx/tracked-changes', text: 'the document holds tracked changes: insertions kept, deletions dropped' });
    if (this.textBoxes) out.push({ level: 'info', rule: 'docx/text-boxes', text: `${this.textBoxes} text boxes read as paragraphs after their anchor` });
    return out;
  }

  body(body: XNode): Block[] {
    const blocks: Block[] = [];
    blockElements(body).forEach((el, index) => {
      const source: Provenance = { file: this.file, block: index };
      if (isW(el, 'tbl')) {
        blocks.push(this.table(el, source));
      } else {
        const { text, level, boxes } = this.paragraph(el);
        if (text) blocks.push(level ? { kind: 'paragraph', text, styleLevel: level, source } : { kind: 'paragraph', text, source });
        // text boxes anchored in the paragraph follow it, with the same provenance
        for (const box of boxes) {
          for (const inner of blockElements(box)) {
            if (isW(inner, 'tbl')) blocks.push(this.table(inner, source));
            else {
              const p = this.paragraph(inner);
              if (p.text) blocks.push({ kind: 'paragraph', text: p.text, source } satisfies Paragraph);
            }
          }
        }
      }
    });
    // a caption just before a table, or a first row that is one cell across the whole table, is its title
    blocks.forEach((b, i) => {
      if (b.kind !== 'table') return;
      const prev = blocks[i - 1];
      if (prev?.kind === 'paragraph' && prev.source.block === (b.source.block ?? 0) - 1 && isCaption(prev.text)) { b.title = prev.text; return; }
      const first = b.rows[0];
      const width = Math.max(0, ...b.rows.map((r) => r.reduce((n, c) => n + c.colSpan, 0)));
      if (first?.length === 1 && first[0].colSpan === width && width > 1 && first[0].text && first[0].text.length <= 60 && !first[0].text.includes('\n')) b.title = first[0].text;
    });
    return blocks;
  }

  /** A paragraph's text with its numbering label, its heading level, and any text boxes it anchors. */
  paragraph(p: XNode): { text: string; level?: number; boxes: XNode[] } {
    const pPr = child(p, 'pPr');
    const styleId = val(child(pPr, 'pStyle'));
    const boxes: XNode[] = [];
    let text = this.inline(p, boxes);
    const outline = intVal(child(pPr, 'outlineLvl'));
    const level = outline !== undefined ? (outline >= 0 && outline <= 8 ? outline + 1 : undefined) : this.styles.headingLevel(styleId);

    // numbering: direct w:numPr, else the style's
    const numPr = child(pPr, 'numPr');
    let numId = val(child(numPr, 'numId'));
    let ilvl = intVal(child(numPr, 'ilvl'));
    if (numId === undefined) {
      const fromStyle = this.styles.numbering(styleId);
      if (fromStyle) { numId = fromStyle.numId; ilvl = ilvl ?? fromStyle.ilvl; }
    }
    const body = trim(text);
    if (numId !== undefined && body) {
      const n = this.numbering.next(numId, ilvl);
      if (n && n.label) {
        this.numbered++;
        const label = trim(n.label);
        const sep = n.suff === 'nothing' || /[、，．。：）)\]】．]$/.test(label) || isCjk(body[0]) ? '' : ' ';
        text = label + sep + body;
      }
    }
    return { text: trim(text), level, boxes };
  }

  /** Text of inline content: runs, hyperlinks, insertions, fields, smart tags, math. */
  inline(node: XNode, boxes: XNode[]): string {
    let out = '';
    for (const el of elements(node)) {
      if (el.namespaceURI === MATH_NS) { out += mathText(el); continue; }
      if (el.namespaceURI === MC_NS && el.localName === 'AlternateContent') {
        // take the first choice (or the fallback): both render the same content
        const pick = [...elements(el)][0];
        if (pick) out += this.inline(pick, boxes);
        continue;
      }
      if (!isW(el)) {
        // drawing containers (wp:, wps:, v:) may hold text boxes
        this.findBoxes(el, boxes);
        continue;
      }
      switch (el.localName) {
        case 't': out += textOf(el); break;
        case 'tab': case 'ptab': out += '\t'; break;
        case 'br': { const type = attr(el, 'type'); if (type !== 'page' && type !== 'column') out += '\n'; break; }
        case 'cr': out += '\n'; break;
        case 'noBreakHyphen': out += '-'; break;
        case 'sym': {
          const code = Number.parseInt(attr(el, 'char') ?? '', 16);
          if (Number.isFinite(code)) out += String.fromCodePoint(code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code);
          break;
        }
        case 'pPr': case 'rPr': case 'del': case 'moveFrom': case 'delText': case 'instrText': case 'fldChar':
        case 'proofErr': case 'bookmarkStart': case 'bookmarkEnd': case 'commentRangeStart': case 'commentRangeEnd':
        case 'commentReference': case 'footnoteReference': case 'endnoteReference': case 'lastRenderedPageBreak':
          if (el.localName === 'del' || el.localName === 'moveFrom') this.tracked = true;
          break;
        case 'ins': case 'moveTo': this.tracked = true; out += this.inline(el, boxes); break;
        case 'txbxContent': boxes.push(el); this.textBoxes++; break;
        case 'sdt': { const c = child(el, 'sdtContent'); if (c) out += this.inline(c, boxes); break; }
        default:
          // w:r, w:hyperlink, w:smartTag, w:fldSimple, w:customXml, w:dir, w:bdo, w:drawing, w:pict …
          out += this.inline(el, boxes);
      }
    }
    return out;
  }

  private findBoxes(node: XNode, boxes: XNode[]): void {
    for (const el of elements(node)) {
      if (isW(el, 'txbxContent')) { boxes.push(el); this.textBoxes++; }
      else if (el.namespaceURI === MC_NS && el.localName === 'AlternateContent') {
        const pick = [...elements(el)][0];
        if (pick) this.findBoxes(pick, boxes);
      } else this.findBoxes(el, boxes);
    }
  }

  /** Text of a table cell: its paragraphs (numbered as in the document) and nested tables, joined. */
  cellText(tc: XNode): string {
    const parts: string[] = [];
    for (const el of blockElements(tc)) {
      if (isW(el, 'tbl')) {
        const nested = this.table(el, { file: this.file });
        const t = nested.rows.map((r) => r.map((c) => c.text).filter(Boolean).join(' ')).filter(Boolean).join('\n');
        if (t) parts.push(t);
      } else {
        const p = this.paragraph(el);
        if (p.text) parts.push(p.text);
        for (const box of p.boxes) { const t = this.cellText(box); if (t) parts.push(t); }
      }
    }
    return parts.join('\n');
  }

  table(tbl: XNode, source: Provenance): Table {
    const rows: Cell[][] = [];
    const rowSources: Provenance[] = [];
    // vertical merges still open, by the grid column where they start
    const open = new Map<number, Cell>();
    for (const tr of wrapped(tbl, 'tr')) {
      const trPr = child(tr, 'trPr');
      let col = intVal(child(trPr, 'gridBefore')) ?? 0;
      const row: Cell[] = [];
      const covered = new Set<number>();
      for (const tc of wrapped(tr, 'tc')) {
        const tcPr = child(tc, 'tcPr');
        const span = Math.max(1, intVal(child(tcPr, 'gridSpan')) ?? 1);
        const vMergeEl = child(tcPr, 'vMerge');
        const vMerge = vMergeEl ? (val(vMergeEl) === 'restart' ? 'restart' : 'continue') : undefined;
        const hMergeEl = child(tcPr, 'hMerge');
        const hMerge = hMergeEl ? (val(hMergeEl) === 'restart' ? 'restart' : 'continue') : undefined;
        const text = this.cellText(tc);
        for (let c = col; c < col + span; c++) covered.add(c);

        if (hMerge === 'continue' && row.length) {
          // legacy horizontal merge: widen the cell to the left
          const left = row[row.length - 1];
          left.colSpan += span;
          if (text) left.text = left.text ? `${left.text}\n${text}` : text;
          col += span;
          continue;
        }
        if (vMerge === 'continue') {
          const head = open.get(col);
          if (head) {
            head.rowSpan++;
            if (text) head.text = head.text ? `${head.text}\n${text}` : text;
            col += span;
            continue;
          }
        }
        const cell: Cell = { text, rowSpan: 1, colSpan: span };
        row.push(cell);
        for (let c = col; c < col + span; c++) open.delete(c);
        // a continuation without a head starts a merge of its own
        if (vMerge) open.set(col, cell);
        col += span;
      }
      for (const c of [...open.keys()]) if (!covered.has(c)) open.delete(c);
      rowSources.push({ ...source, range: `row ${rows.length + 1}` });
      rows.push(row);
    }
    return { kind: 'table', rows, source, rowSources };
  }
}

function textOf(n: XNode): string {
  let s = '';
  const kids = n.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.nodeType === 3 || k.nodeType === 4) s += k.nodeValue ?? '';
  }
  return s;
}

function mathText(n: XNode): string {
  if (n.namespaceURI === MATH_NS && n.localName === 't') return textOf(n);
  let s = '';
  for (const el of elements(n)) s += mathText(el);
  return s;
}

