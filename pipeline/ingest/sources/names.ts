// Decodes file names that arrive as bytes: names on disk (Linux keeps whatever bytes the unpacking
// tool wrote) and names inside zip archives. Chinese Windows writes names in CP936 (GBK), which
// GB18030 decodes as a superset; everything else today is UTF-8.
import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asUtf8(bytes: Uint8Array): string | null {
  try { return utf8.decode(bytes); } catch { return null; }
}

/**
 * A name on disk: UTF-8 when its bytes are valid UTF-8, else GB18030. A GBK name of more than a
 * character or two is almost never valid UTF-8 (GBK trail bytes mostly fall outside 0x80–0xBF).
 */
export function decodeDiskName(bytes: Uint8Array): string {
  return asUtf8(bytes) ?? iconv.decode(Buffer.from(bytes), 'gb18030');
}

export interface ZipName { raw: Uint8Array; utf8: boolean; unicodeName?: string }

/**
 * A name inside a zip. Flag bit 11 marks UTF-8; Info-ZIP may carry a UTF-8 copy in an extra field.
 * Without either, a zip made on Chinese Windows holds CP936, while macOS and Linux tools write
 * UTF-8 without setting the flag: valid UTF-8 is read as UTF-8 (see decodeDiskName), the rest as GB18030.
 */
export function decodeZipName(name: ZipName): string {
  if (name.utf8) return new TextDecoder('utf-8').decode(name.raw);
  if (name.unicodeName) return name.unicodeName;
  return decodeDiskName(name.raw);
}

/**
 * An entry's path inside its archive, as shown and stored: forward slashes, no leading slash or
 * drive, no `.` or `..` segments (nothing is extracted, but the name must not pretend to be elsewhere).
 */
export function cleanEntryPath(name: string): string {
  return name.replace(/\\/g, '/').replace(/^[A-Za-z]:/, '').split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..').join('/');
}

/** Entries nobody meant to import: hidden files and the resource forks macOS adds to its zips. */
export function isHiddenEntry(path: string): boolean {
  return path.split('/').some((s) => s.startsWith('.') || s === '__MACOSX');
}
