// Builds a county-sized corpus from the bundled fixtures: every format, with unit names, years and
// numbers varied per copy so that no two files share their bytes (nothing is deduplicated).
// Text, markdown, DOCX and XLSX copies get their text changed; PDF copies (whose text sits in
// compressed streams with subset fonts) get a distinct trailer comment, so their bytes differ.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const PLACES = ['青山县', '白水县', '东湖区', '南岭市', '西河县', '北塘区', '金溪县', '石门市', '安平县', '永宁县'];

/** A text variant: another county, another year, numbers nudged. */
export function vary(text: string, copy: number): string {
  const place = PLACES[copy % PLACES.length];
  const shift = Math.floor(copy / PLACES.length) % 5;
  return text
    .replace(/(徐闻县|南昌市西湖区|遂溪县|峨眉山市|吴川市|吴州市)/g, place)
    .replace(/20(1\d|2\d)(?=\s*年)/g, (m) => String(Number(m) + shift))
    // nudge the last digit of decimal amounts so figures differ between copies
    .replace(/(\d+\.\d)(\d)(?=\s*万元)/g, (_m, head: string, last: string) => `${head}${(Number(last) + copy) % 10}`);
}

function varyZip(bytes: Uint8Array, copy: number, parts: RegExp): Uint8Array {
  const entries = unzipSync(bytes);
  for (const name of Object.keys(entries)) if (parts.test(name)) entries[name] = strToU8(vary(strFromU8(entries[name]), copy));
  entries['docProps/jixiao-copy.txt'] = strToU8(String(copy));
  return zipSync(entries);
}

export function varyFile(bytes: Uint8Array, ext: string, copy: number): Uint8Array {
  switch (ext) {
    case '.txt':
    case '.md':
      return strToU8(vary(strFromU8(bytes), copy));
    case '.docx':
      return varyZip(bytes, copy, /^word\/document\.xml$/);
    case '.xlsx':
      return varyZip(bytes, copy, /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/);
    case '.pdf':
      return new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(`\n%jixiao-copy ${copy}\n`)]));
    default:
      return bytes;
  }
}

export interface CorpusFile { path: string; format: string }

/** Writes `count` files into `dir`, cycling through the fixtures' documents in every format. */
export function buildCountyCorpus(fixtures: string, dir: string, count: number): CorpusFile[] {
  const sources: string[] = [];
  for (const format of ['txt', 'docx', 'pdf', 'xlsx']) {
    for (const f of readdirSync(join(fixtures, 'corpus', format)).sort()) sources.push(join(fixtures, 'corpus', format, f));
  }
  for (const f of readdirSync(join(fixtures, 'real')).sort()) {
    if (/\.(pdf|md)$/.test(f) && !f.includes('扫描')) sources.push(join(fixtures, 'real', f));
  }
  const base = sources.map((p) => ({ p, bytes: new Uint8Array(readFileSync(p)), ext: extname(p) }));
  mkdirSync(dir, { recursive: true });
  const out: CorpusFile[] = [];
  for (let i = 0; i < count; i++) {
    const src = base[i % base.length];
    const copy = Math.floor(i / base.length);
    const path = join(dir, `${String(i).padStart(5, '0')}-${copy}${src.ext}`);
    writeFileSync(path, varyFile(src.bytes, src.ext, copy));
    out.push({ path, format: src.ext.slice(1) });
  }
  return out;
}

/** The text PDFs of these folders (a scan has no text layer to compare with pdf.js text extraction). */
export function realPdfs(dirs: string[]): string[] {
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.pdf') && !f.includes('扫描')).sort().map((f) => join(d, f)));
}

/** Writes `count` PDFs into `dir`, cycling through `sources`, each copy with distinct bytes. */
export function buildPdfCorpus(sources: string[], dir: string, count: number): CorpusFile[] {
  const base = sources.map((p) => new Uint8Array(readFileSync(p)));
  mkdirSync(dir, { recursive: true });
  const out: CorpusFile[] = [];
  for (let i = 0; i < count; i++) {
    const copy = Math.floor(i / base.length);
    const path = join(dir, `${String(i).padStart(5, '0')}-${copy}.pdf`);
    writeFileSync(path, varyFile(base[i % base.length], '.pdf', copy));
    out.push({ path, format: 'pdf' });
  }
  return out;
}
