// Detects a file's format from its bytes, never its name.
import { unzipSync } from 'fflate';
import type { Format } from '../schemas/document.ts';

export type DetectedFormat = Format | 'zip' | 'ole' | 'binary' | 'empty';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

export function detectFormat(bytes: Uint8Array, nameHint = ''): DetectedFormat {
  if (bytes.length === 0) return 'empty';
  // %PDF may follow a few bytes of junk; readers accept it within the first KiB
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    let names: Set<string>;
    try { names = listZip(bytes); } catch { return 'zip'; }
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // OLE compound file: Word 97 or Excel 97; the stream names tell which
    const all = Buffer.from(bytes).toString('latin1');
    const utf16 = (s: string) => s.split('').join('\0');
    if (all.includes(utf16('WordDocument'))) return 'doc';
    if (all.includes(utf16('Workbook')) || all.includes(utf16('Book'))) return 'xls';
    return 'ole';
  }
  if (looksLikeText(bytes)) return /\.(md|markdown)$/i.test(nameHint) ? 'md' : 'txt';
  return 'binary';
}

/** Names of the entries in a zip, read from its central directory without inflating anything. */
export function listZip(bytes: Uint8Array): Set<string> {
  const names = new Set<string>();
  unzipSync(bytes, { filter: (f) => { names.add(f.name); return false; } });
  return names;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const probe = bytes.subarray(0, 8192);
  if ((probe[0] === 0xff && probe[1] === 0xfe) || (probe[0] === 0xfe && probe[1] === 0xff)) return true;
  let control = 0, nul = 0;
  for (const b of probe) {
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  // UTF-16 without BOM has NULs in every other byte
  if (nul > probe.length / 4) return nul < probe.length * 0.6;
  return control <= probe.length / 100 && nul === 0;
}
