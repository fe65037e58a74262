// What an input is before it is parsed: a report for the parsers, an archive to open, or a file
// that is no report format (skipped with one line, not imported and not a failure). The bytes
// decide where they can: a PDF or Office document is a report whatever its name says. The name
// only rules a file out when its bytes are no report format either, and a name that promises a
// report (photo.docx holding a PNG) goes on to the parser, which fails it by name.
import { extname } from 'node:path';
import { listZip } from '../../../parsers/detect.ts';

export type InputKind = { kind: 'report' } | { kind: 'archive' } | { kind: 'ignore'; reason: string };

const REPORT = { kind: 'report' } as const;
const ARCHIVE = { kind: 'archive' } as const;

/** Extensions of the formats the parsers read (WPS Office saves .wps/.et in the Word/Excel formats). */
const REPORT_EXTENSIONS = new Set(['pdf', 'docx', 'xlsx', 'doc', 'xls', 'txt', 'md', 'markdown', 'rtf', 'wps', 'et', 'docm', 'xlsm']);

/** Extensions of what county batches carry beside their reports: data, web pages, images, media, other archives, programs. */
const OTHER_EXTENSIONS: Record<string, string> = Object.fromEntries([
  ...['json', 'xml', 'yaml', 'yml', 'html', 'htm', 'js', 'css', 'ini', 'log', 'sqlite', 'db'].map((e) => [e, 'a data or web file']),
  ...['png', 'jpg', 'jpeg', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'svg', 'ico', 'heic'].map((e) => [e, 'an image']),
  ...['mp3', 'mp4', 'wav', 'avi', 'mov', 'wmv', 'flv'].map((e) => [e, 'audio or video']),
  ...['rar', '7z', 'gz', 'tgz', 'tar', 'bz2', 'xz', 'cab', 'iso'].map((e) => [e, 'an archive in a format that is not read (only .zip is)']),
  ...['exe', 'dll', 'msi', 'bat', 'lnk'].map((e) => [e, 'a program or shortcut']),
]);

const extension = (name: string) => extname(name).slice(1).toLowerCase();
const starts = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

export const isZipSignature = (head: Uint8Array) => starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06]);

/** What the name alone says, before any byte is read; null when the bytes must decide. */
export function kindFromName(name: string): InputKind | null {
  const ext = extension(name);
  if (ext === 'zip') return ARCHIVE;
  if (REPORT_EXTENSIONS.has(ext)) return REPORT;
  return null;
}

/** Why a name alone says the file is no report (an entry is then skipped without being inflated), or null. */
export function ignoredByName(name: string): string | null {
  const ext = extension(name);
  const other = OTHER_EXTENSIONS[ext];
  return other ? `${other} (.${ext}), not a report format` : null;
}

/** Non-report formats known by their first bytes. */
function otherFormat(head: Uint8Array): string | null {
  if (starts(head, [0x89, 0x50, 0x4e, 0x47])) return 'an image (PNG)';
  if (starts(head, [0xff, 0xd8, 0xff])) return 'an image (JPEG)';
  if (starts(head, [0x47, 0x49, 0x46, 0x38])) return 'an image (GIF)';
  if (starts(head, [0x42, 0x4d])) return 'an image (BMP)';
  if (starts(head, [0x49, 0x49, 0x2a, 0x00]) || starts(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'an image (TIFF)';
  if (starts(head, [0x52, 0x49, 0x46, 0x46]) && starts(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'an image (WebP)';
  if (starts(head, [0x52, 0x61, 0x72, 0x21])) return 'a RAR archive (only .zip is read)';
  if (starts(head, [0x37, 0x7a, 0xbc, 0xaf])) return 'a 7z archive (only .zip is read)';
  if (starts(head, [0x1f, 0x8b])) return 'a gzip archive (only .zip is read)';
  if (starts(head, [0x4d, 0x5a])) return 'a Windows program';
  if (starts(head, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65])) return 'an SQLite database';
  return null;
}

const REPORT_SIGNATURES = (head: Uint8Array) => {
  const text = Buffer.from(head.subarray(0, 1024)).toString('latin1');
  return text.includes('%PDF-') || /^\s*\{\\rtf/.test(text) || starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
};

/** A zip's parts name an Office document; an unreadable zip counts as one, for its parser to report. */
function isOfficePackage(bytes: Uint8Array): boolean {
  try {
    const names = listZip(bytes);
    return names.has('word/document.xml') || names.has('xl/workbook.xml') || names.has('[Content_Types].xml');
  } catch { return true; }
}

/**
 * What a whole file is, from its name and bytes: a report unless it is something else for sure.
 * `bytes` may be only the head when `zipIsOffice` answers for a zip.
 */
export function kindOf(name: string, bytes: Uint8Array, zipIsOffice: (() => boolean) = () => isOfficePackage(bytes)): InputKind {
  const byName = kindFromName(name);
  const ext = extension(name);
  if (byName?.kind === 'report') return REPORT;
  if (REPORT_SIGNATURES(bytes)) return REPORT;
  if (isZipSignature(bytes)) {
    if (zipIsOffice()) return REPORT;
    if (byName?.kind === 'archive' || ext === '') return ARCHIVE;
    return { kind: 'ignore', reason: `a zip package (.${ext}) that is neither DOCX nor XLSX: not a report format` };
  }
  if (byName?.kind === 'archive') return ARCHIVE; // a .zip that is no zip: opening it reports it as corrupt
  const other = ignoredByName(name);
  if (other) return { kind: 'ignore', reason: other };
  const known = otherFormat(bytes);
  if (known) return { kind: 'ignore', reason: `${known}, not a report format` };
  return REPORT;
}
