// The objects of a PDF written by `qpdf --qdf --object-streams=disable`: every object is a top-level
// "N 0 obj … endobj" with uncompressed stream data, so a stream can be read and replaced in place.
import { parseValue, type PdfValue } from './pdf-object.ts';

export interface IndirectObject {
  num: number;
  value: PdfValue;
  /** byte range of the object's value (the dictionary of a stream) */
  body: { start: number; end: number };
  /** byte range of the stream data, when the object is a stream */
  data?: { start: number; end: number };
}

export interface QdfFile {
  text: string;
  objects: Map<number, IndirectObject>;
  trailer: Map<string, PdfValue>;
}

export function readQdf(text: string): QdfFile {
  const objects = new Map<number, IndirectObject>();
  const header = /^(\d+) (\d+) obj\n/gm;
  const lengths = new Map<number, number>();
  const pending: { num: number; value: PdfValue; body: { start: number; end: number }; dataStart?: number }[] = [];
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const num = Number(m[1]);
    const start = m.index + m[0].length;
    const { value, end } = parseValue(text, start);
    const after = /^\s*stream\r?\n/.exec(text.slice(end, end + 16));
    pending.push({ num, value, body: { start, end }, dataStart: after ? end + after[0].length : undefined });
    if (value.t === 'num') lengths.set(num, value.v);
    header.lastIndex = after ? end + after[0].length : end;
  }
  for (const p of pending) {
    let data: IndirectObject['data'];
    if (p.dataStart !== undefined) {
      const len = p.value.t === 'dict' ? p.value.v.get('Length') : undefined;
      const n = len?.t === 'num' ? len.v : len?.t === 'ref' ? lengths.get(len.v) : undefined;
      const end = n !== undefined ? p.dataStart + n : text.indexOf('endstream', p.dataStart);
      data = { start: p.dataStart, end };
    }
    objects.set(p.num, { num: p.num, value: p.value, body: p.body, data });
  }
  const at = text.lastIndexOf('trailer');
  const trailer = parseValue(text, at + 'trailer'.length).value;
  if (trailer.t !== 'dict') throw new Error('no trailer dictionary');
  return { text, objects, trailer: trailer.v };
}

export function resolve(file: QdfFile, v: PdfValue | undefined): PdfValue | undefined {
  while (v?.t === 'ref') v = file.objects.get(v.v)?.value;
  return v;
}

export function dictOf(file: QdfFile, v: PdfValue | undefined): Map<string, PdfValue> | undefined {
  const r = resolve(file, v);
  return r?.t === 'dict' ? r.v : undefined;
}

export function streamData(file: QdfFile, num: number): string {
  const o = file.objects.get(num);
  if (!o?.data) throw new Error(`object ${num} is not a stream`);
  return file.text.slice(o.data.start, o.data.end);
}

export function isFiltered(file: QdfFile, num: number): boolean {
  const o = file.objects.get(num);
  return o?.value.t === 'dict' && o.value.v.has('Filter');
}

export interface PageRef { num: number; dict: Map<string, PdfValue>; resources: Map<string, PdfValue> }

/** Pages in order, each with the resources it inherits when it has none of its own. */
export function pages(file: QdfFile): PageRef[] {
  const root = dictOf(file, file.trailer.get('Root'));
  const out: PageRef[] = [];
  const walk = (ref: PdfValue | undefined, inherited: Map<string, PdfValue> | undefined) => {
    if (ref?.t !== 'ref') return;
    const node = dictOf(file, ref);
    if (!node) return;
    const resources = dictOf(file, node.get('Resources')) ?? inherited ?? new Map();
    const type = resolve(file, node.get('Type'));
    const kids = resolve(file, node.get('Kids'));
    if (type?.t === 'name' && type.v === 'Pages' && kids?.t === 'array') { for (const k of kids.v) walk(k, resources); return; }
    out.push({ num: ref.v, dict: node, resources });
  };
  walk(root?.get('Pages'), undefined);
  return out;
}

/** Stream object numbers of a page's /Contents, in drawing order. */
export function contentStreams(file: QdfFile, page: PageRef): number[] {
  const c = page.dict.get('Contents');
  if (c?.t === 'ref') {
    const target = resolve(file, c);
    if (target?.t === 'array') return target.v.flatMap((x) => (x.t === 'ref' ? [x.v] : []));
    return [c.v];
  }
  if (c?.t === 'array') return c.v.flatMap((x) => (x.t === 'ref' ? [x.v] : []));
  return [];
}

/** The file with some streams' data replaced and their /Length objects updated (fix-qdf then repairs the xref). */
export function replaceStreams(file: QdfFile, replacements: Map<number, string>): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const [num, data] of replacements) {
    const o = file.objects.get(num)!;
    edits.push({ start: o.data!.start, end: o.data!.end, text: data });
    const len = o.value.t === 'dict' ? o.value.v.get('Length') : undefined;
    const lengthObject = len?.t === 'ref' ? file.objects.get(len.v) : undefined;
    if (lengthObject?.value.t === 'num') edits.push({ ...lengthObject.body, text: String(data.length) });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = file.text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
