// Detects a file's format from its bytes, never its name (the name only tells .md from .txt).
//   - %PDF- within the first KiB → pdf
//   - a zip: word/document.xml → docx, xl/workbook.xml → xlsx (whatever the extension says)
//   - an OLE compound file: its directory's stream names tell Word 97 (WordDocument) from
//     Excel 97 (Workbook/Book); an OLE file holding EncryptedPackage is a password-protected
//     DOCX/XLSX, and a .doc/.xls with its encryption flag set is protected too: both throw
//     ParseError 'office/encrypted'
//   - RTF (often saved with a .doc name) → doc, for LibreOffice to convert
import { unzipSync } from 'fflate';
import type { Format } from '../schemas/document.ts';
import { ParseError } from './shared/errors.ts';

export type DetectedFormat = Format | 'zip' | 'ole' | 'binary' | 'empty';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function detectFormat(bytes: Uint8Array, nameHint = ''): DetectedFormat {
  if (bytes.length === 0) return 'empty';
  // %PDF may follow a few bytes of junk; readers accept it within the first KiB
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    let names: Set<string>;
    try { names = listZip(bytes); } catch {
      // a damaged package (e.g. truncated): the local headers still name its parts, so the
      // format's own parser can report it as corrupt
      const all = Buffer.from(bytes).toString('latin1');
      if (all.includes('word/document.xml')) return 'docx';
      if (all.includes('xl/workbook.xml')) return 'xlsx';
      return 'zip';
    }
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  if (startsWith(bytes, OLE_SIGNATURE)) {
    const kind = oleKind(bytes);
    if (kind === 'encrypted') {
      throw new ParseError(nameHint || 'input', 'office/encrypted',
        'the document is password-protected (encrypted Office file); save an unprotected copy and try again');
    }
    return kind;
  }
  if (/^\s*\{\\rtf/.test(head)) return 'doc';
  if (looksLikeText(bytes)) return /\.(md|markdown)$/i.test(nameHint) ? 'md' : 'txt';
  return 'binary';
}

/** Names of the entries in a zip, read from its central directory without inflating anything. */
export function listZip(bytes: Uint8Array): Set<string> {
  const names = new Set<string>();
  unzipSync(bytes, { filter: (f) => { names.add(f.name); return false; } });
  return names;
}

type OleKind = 'doc' | 'xls' | 'ole' | 'encrypted';

/** What an OLE compound file holds, from its directory (falls back to a byte search if unreadable). */
export function oleKind(bytes: Uint8Array): OleKind {
  let dir: OleEntry[] | undefined;
  try { dir = readOleDirectory(bytes); } catch { dir = undefined; }
  if (!dir) {
    const all = Buffer.from(bytes).toString('latin1');
    const utf16 = (s: string) => s.split('').join('\0');
    if (all.includes(utf16('EncryptedPackage'))) return 'encrypted';
    if (all.includes(utf16('WordDocument'))) return 'doc';
    if (all.includes(utf16('Workbook')) || all.includes(utf16('Book'))) return 'xls';
    return 'ole';
  }
  const byName = new Map(dir.filter((e) => e.type === 2).map((e) => [e.name, e]));
  if (byName.has('EncryptedPackage')) return 'encrypted';
  const word = byName.get('WordDocument');
  if (word) {
    // FIB: wIdent 0xA5EC, then flags at 0x0A; bit 8 is fEncrypted
    const fib = word.read();
    if (fib && fib.length >= 12 && (fib[0] | (fib[1] << 8)) === 0xa5ec && (fib[0x0b] & 0x01)) return 'encrypted';
    return 'doc';
  }
  const book = byName.get('Workbook') ?? byName.get('Book');
  if (book) {
    // BIFF: a FILEPASS record (0x002F) in the workbook globals means the workbook is encrypted
    const data = book.read();
    if (data) {
      let p = 0;
      for (let n = 0; n < 64 && p + 4 <= data.length; n++) {
        const type = data[p] | (data[p + 1] << 8);
        const len = data[p + 2] | (data[p + 3] << 8);
        if (type === 0x002f) return 'encrypted';
        if (type === 0x000a) break; // EOF of the globals
        p += 4 + len;
      }
    }
    return 'xls';
  }
  return 'ole';
}

interface OleEntry { name: string; type: number; read(): Uint8Array | undefined }

/** Reads an OLE (CFB) directory: stream names, and the first sectors of big streams. */
function readOleDirectory(b: Uint8Array): OleEntry[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shift = dv.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) throw new Error('bad sector size');
  const size = 1 << shift;
  const sectorOffset = (s: number) => (s + 1) * size;
  const miniCutoff = dv.getUint32(0x38, true);
  // FAT sector numbers: 109 in the header, the rest in the DIFAT chain
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = dv.getUint32(0x4c + i * 4, true);
    if (s < 0xfffffffa) fatSectors.push(s);
  }
  let difat = dv.getUint32(0x44, true);
  for (let guard = 0; difat < 0xfffffffa && guard < 10000; guard++) {
    const off = sectorOffset(difat);
    if (off + size > b.length) break;
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = dv.getUint32(off + i * 4, true);
      if (s < 0xfffffffa) fatSectors.push(s);
    }
    difat = dv.getUint32(off + size - 4, true);
  }
  const perFat = size / 4;
  const next = (s: number): number => {
    const fs = fatSectors[Math.floor(s / perFat)];
    if (fs === undefined) return 0xfffffffe;
    const off = sectorOffset(fs) + (s % perFat) * 4;
    return off + 4 <= b.length ? dv.getUint32(off, true) : 0xfffffffe;
  };
  const chain = (start: number, maxSectors: number): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let s = start; s < 0xfffffffa && out.length < maxSectors && !seen.has(s); s = next(s)) { seen.add(s); out.push(s); }
    return out;
  };
  const entries: OleEntry[] = [];
  const dirSectors = chain(dv.getUint32(0x30, true), 4096);
  if (!dirSectors.length) throw new Error('no directory');
  for (const s of dirSectors) {
    const base = sectorOffset(s);
    for (let e = base; e + 128 <= Math.min(base + size, b.length); e += 128) {
      const nameLen = dv.getUint16(e + 0x40, true);
      const type = b[e + 0x42];
      if (type === 0 || nameLen < 2 || nameLen > 64) continue;
      let name = '';
      for (let i = 0; i < nameLen / 2 - 1; i++) name += String.fromCharCode(dv.getUint16(e + i * 2, true));
      const start = dv.getUint32(e + 0x74, true);
      const streamSize = dv.getUint32(e + 0x78, true);
      entries.push({
        name, type,
        // only big streams (outside the mini stream) are read, and only their first sector
        read: () => {
          if (streamSize < miniCutoff) return undefined;
          const off = sectorOffset(start);
          return off + size <= b.length ? b.subarray(off, off + Math.min(size, streamSize)) : undefined;
        },
      });
    }
  }
  return entries;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const probe = bytes.subarray(0, 8192);
  if ((probe[0] === 0xff && probe[1] === 0xfe) || (probe[0] === 0xfe && probe[1] === 0xff)) return true;
  let control = 0, nul = 0;
  for (const b of probe) {
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  // UTF-16 without BOM has its NULs in every other byte, all at even or all at odd positions
  if (nul > probe.length / 4) {
    let even = 0;
    for (let i = 0; i < probe.length; i += 2) if (probe[i] === 0) even++;
    const odd = nul - even;
    return Math.min(even, odd) < nul / 20 && Math.max(even, odd) > probe.length / 2 * 0.3;
  }
  return control <= probe.length / 100 && nul === 0;
}
