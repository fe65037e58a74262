// Makes scanned versions of text PDFs, for OCR tests and measurement: each page rendered to a
// 150-dpi greyscale image (poppler's pdftoppm), turned by a fraction of a degree, given light noise,
// and bound as an image-only PDF (no text layer). The gold of the text version stays the gold.
//   npx tsx scripts/make-scans.ts OUT_DIR FILE.pdf…  [--dpi 150] [--pages 1-3] [--seed 1]
// Every output is named like its input, so score.mjs matches it to the same gold.
// The binding is written here (one Flate-compressed DeviceGray image per page) rather than with
// img2pdf, so the script needs nothing but poppler-utils.
import { mulberry32 } from './prng.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';

interface Grey { width: number; height: number; data: Uint8Array }

/** Reads a binary PGM (P5, maxval 255), as pdftoppm -gray writes it. */
export function readPgm(bytes: Uint8Array): Grey {
  let pos = 0;
  const token = (): string => {
    while (pos < bytes.length) {
      const c = bytes[pos];
      if (c === 0x23) { while (pos < bytes.length && bytes[pos] !== 0x0a) pos++; continue; } // comment
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) { pos++; continue; }
      break;
    }
    const start = pos;
    while (pos < bytes.length && ![0x20, 0x0a, 0x0d, 0x09].includes(bytes[pos])) pos++;
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  if (token() !== 'P5') throw new Error('not a binary PGM');
  const width = Number(token()), height = Number(token()), max = Number(token());
  if (max !== 255) throw new Error('PGM maxval is not 255');
  pos++; // the single white space after maxval
  return { width, height, data: bytes.slice(pos, pos + width * height) };
}

const rng = mulberry32;

/** Turns the image by `degrees` about its centre (bilinear), paper-white outside. */
export function rotate(img: Grey, degrees: number): Grey {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const a = (degrees * Math.PI) / 180, cos = Math.cos(a), sin = Math.sin(a);
  const cx = w / 2, cy = h / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // source of this output pixel: the inverse rotation
      const dx = x - cx, dy = y - cy;
      const sx = cos * dx + sin * dy + cx, sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) { out[y * w + x] = 255; continue; }
      const fx = sx - x0, fy = sy - y0;
      const p = y0 * w + x0;
      const v = (data[p] * (1 - fx) + data[p + 1] * fx) * (1 - fy) + (data[p + w] * (1 - fx) + data[p + w + 1] * fx) * fy;
      out[y * w + x] = v;
    }
  }
  return { width: w, height: h, data: out };
}

/** Light scanner noise: grain on every pixel, a slightly grey paper, a few specks. */
export function addNoise(img: Grey, random: () => number, amount = 10): Grey {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) {
    // sum of uniforms ≈ gaussian grain
    const g = (random() + random() + random() - 1.5) * amount;
    // levels in steps of 8, as a cheap scanner's and so the bound PDF stays small
    out[i] = Math.max(0, Math.min(255, Math.round((img.data[i] * 0.94 + 6 + g) / 8) * 8));
  }
  const specks = Math.round((img.width * img.height) / 20000);
  for (let k = 0; k < specks; k++) {
    const x = Math.floor(random() * (img.width - 2)), y = Math.floor(random() * (img.height - 2));
    for (const d of [0, 1, img.width, img.width + 1]) out[y * img.width + x + d] = 40 + random() * 60;
  }
  return { width: img.width, height: img.height, data: out };
}

/** An image-only PDF: one page per image, the image filling a page of the given size in points. */
export function imagePdf(pages: Array<{ img: Grey; widthPt: number; heightPt: number }>): Uint8Array {
  const objects: Array<Uint8Array | string> = [];
  const add = (o: Uint8Array | string) => { objects.push(o); return objects.length; };
  const enc = new TextEncoder();
  const catalog = add('');
  const pagesObj = add('');
  const kids: number[] = [];
  for (const { img, widthPt, heightPt } of pages) {
    const body = deflateSync(img.data, { level: 6 });
    const head = enc.encode(`<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${body.length} >>\nstream\n`);
    const tail = enc.encode('\nendstream');
    const stream = new Uint8Array(head.length + body.length + tail.length);
    stream.set(head); stream.set(body, head.length); stream.set(tail, head.length + body.length);
    const image = add(stream);
    const w = widthPt.toFixed(2), h = heightPt.toFixed(2);
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    const contents = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${contents} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const parts: Uint8Array[] = [enc.encode('%PDF-1.5\n%\xE2\xE3\xCF\xD3\n')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const b = typeof o === 'string' ? enc.encode(`${i + 1} 0 obj\n${o}\nendobj\n`) : concat([enc.encode(`${i + 1} 0 obj\n`), o, enc.encode('\nendobj\n')]);
    parts.push(b);
    offset += b.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(enc.encode(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Page sizes in points, from pdfinfo. */
function pageSizes(file: string): Array<[number, number]> {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

export function scanPdf(file: string, options: { dpi: number; first?: number; last?: number; seed: number }): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  try {
    const range = options.first ? ['-f', String(options.first), '-l', String(options.last ?? options.first)] : [];
    execFileSync('pdftoppm', ['-r', String(options.dpi), '-gray', ...range, file, join(dir, 'p')]);
    const sizes = pageSizes(file);
    const random = rng(options.seed);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort().map((f) => {
      const n = Number(/-(\d+)\.pgm$/.exec(f)![1]);
      const [wPt, hPt] = sizes[n - 1] ?? [595, 842];
      // a fraction of a degree either way, as a sheet lies on a scanner's glass
      const angle = (random() - 0.5) * 1.2;
      const img = addNoise(rotate(readPgm(new Uint8Array(readFileSync(join(dir, f)))), angle), random);
      return { img, widthPt: wPt, heightPt: hPt };
    });
    return imagePdf(pages);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: {
    dpi: { type: 'string', default: '150' }, pages: { type: 'string' }, seed: { type: 'string', default: '1' },
  } });
  const [out, ...files] = positionals;
  if (!out || !files.length) { console.error('usage: npx tsx scripts/make-scans.ts OUT_DIR FILE.pdf… [--dpi 150] [--pages 1-3] [--seed 1]'); process.exit(2); }
  mkdirSync(out, { recursive: true });
  const [first, last] = values.pages ? values.pages.split('-').map(Number) : [];
  for (const f of files) {
    const bytes = scanPdf(f, { dpi: Number(values.dpi), first, last: last ?? first, seed: Number(values.seed) });
    writeFileSync(join(out, basename(f)), bytes);
    console.log(`${join(out, basename(f))}: ${(bytes.length / 1024 / 1024).toFixed(1)} MiB`);
  }
}
