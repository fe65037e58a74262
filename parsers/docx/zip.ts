// A small, bounded zip reader for OOXML packages (DOCX, XLSX).
// It reads the central directory itself, so declared sizes can be checked before anything is
// inflated, and it inflates in small slices so the actual output can be capped too (a zip bomb
// may lie about its sizes). Only the entries asked for are inflated.
import { Inflate } from 'fflate';

export const DEFAULT_MAX_UNCOMPRESSED = 200 * 1024 * 1024;

export interface ZipEntry {
  /** The name read as UTF-8 (what OOXML packages use); archives decode `rawName` themselves. */
  name: string;
  /** The name's bytes as stored: UTF-8 when `utf8` is set, else the encoding of the machine that made the zip. */
  rawName: Uint8Array;
  /** General-purpose flag bit 11: the name is UTF-8. */
  utf8: boolean;
  /** Info-ZIP Unicode Path extra field (0x7075): a UTF-8 name written beside a legacy one. */
  unicodeName?: string;
  method: number;
  compressedSize: number;
  /** The size the central directory declares; not trusted when inflating. */
  size: number;
  crc: number;
  localOffset: number;
  encrypted: boolean;
}

/** Thrown for a package that is not a readable zip, or that would inflate beyond the cap. */
export class ZipError extends Error {
  constructor(readonly kind: 'corrupt' | 'too-large', message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/** Random access to the bytes of a zip: in memory, or a file read piece by piece. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end). */
  read(offset: number, length: number): Uint8Array;
}

const memorySource = (bytes: Uint8Array): ByteSource => ({
  size: bytes.length,
  read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
});

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

/**
 * Reads the central directory, from bytes in memory or from a source that reads only the tail and
 * the directory itself (an archive on disk is never read whole). Throws ZipError('corrupt') when it
 * cannot be found or read.
 */
export function readCentralDirectory(input: Uint8Array | ByteSource): ZipEntry[] {
  const src = input instanceof Uint8Array ? memorySource(input) : input;
  const need = (cond: boolean, what: string) => { if (!cond) throw new ZipError('corrupt', `not a readable zip: ${what}`); };
  need(src.size >= 22, 'too short');
  // the end-of-central-directory record sits in the last 22 + 65535 bytes; 20 more hold a zip64 locator
  const tailStart = Math.max(0, src.size - 22 - 0xffff - 20);
  const tail = src.read(tailStart, src.size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) { eocd = i; break; }
  }
  need(eocd >= 0, 'no end of central directory');
  let count = u16(tail, eocd + 10);
  let cdSize = u32(tail, eocd + 12);
  let cdOffset = u32(tail, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // zip64: the locator sits just before the EOCD record
    const loc = eocd - 20;
    need(loc >= 0 && u32(tail, loc) === 0x07064b50, 'zip64 locator missing');
    const z = u64(tail, loc + 8);
    const rec = z + 56 <= src.size ? src.read(z, 56) : new Uint8Array(0);
    need(rec.length === 56 && u32(rec, 0) === 0x06064b50, 'zip64 record missing');
    count = u64(rec, 32);
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
  }
  need(cdOffset + cdSize <= src.size, 'central directory out of bounds');
  // each entry takes at least 46 bytes: a count the directory cannot hold is a lie
  need(count * 46 <= cdSize, 'central directory shorter than its entry count');
  const cd = src.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = 0;
  for (let n = 0; n < count; n++) {
    need(p + 46 <= cd.length && u32(cd, p) === 0x02014b50, 'bad central directory entry');
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    const crc = u32(cd, p + 16);
    let compressedSize = u32(cd, p + 20);
    let size = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    let localOffset = u32(cd, p + 42);
    need(p + 46 + nameLen + extraLen <= cd.length, 'entry out of bounds');
    const rawName = cd.slice(p + 46, p + 46 + nameLen);
    const name = decoder.decode(rawName).replace(/\\/g, '/');
    let unicodeName: string | undefined;
    // zip64 extra field: only the fields that are saturated in the fixed header are present
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(cd, e), len = u16(cd, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) { size = u64(cd, q); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) { compressedSize = u64(cd, q); q += 8; }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) { localOffset = u64(cd, q); q += 8; }
      } else if (id === 0x7075 && len >= 5 && e + 4 + len <= eEnd && cd[e + 4] === 1) {
        // version 1, CRC-32 of the legacy name, then the UTF-8 name
        unicodeName = decoder.decode(cd.subarray(e + 9, e + 4 + len));
      }
      e += 4 + len;
    }
    entries.push({ name, rawName, utf8: (flags & 0x800) !== 0, unicodeName, method, compressedSize, size, crc, localOffset, encrypted: (flags & 1) === 1 });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's data starts, from its local header (whose name and extra lengths may differ from the directory's). */
export function entryDataStart(localHeader: Uint8Array, entryName: string): number {
  if (localHeader.length < 30 || u32(localHeader, 0) !== 0x04034b50) throw new ZipError('corrupt', `bad local header for ${entryName}`);
  return 30 + u16(localHeader, 26) + u16(localHeader, 28);
}

export interface ZipReadOptions {
  /** Cap on the total uncompressed bytes read from the package (declared and actual). */
  maxBytes?: number;
}

/**
 * Opens a package and returns a reader for the named entries. The declared sizes of the entries
 * that will be read are checked against the cap before anything is inflated.
 */
export class ZipReader {
  readonly entries: Map<string, ZipEntry>;
  private readonly maxBytes: number;
  private produced = 0;

  constructor(private readonly bytes: Uint8Array, options: ZipReadOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_UNCOMPRESSED;
    this.entries = new Map();
    for (const e of readCentralDirectory(bytes)) if (!this.entries.has(e.name)) this.entries.set(e.name, e);
  }

  has(name: string): boolean { return this.entries.has(name); }

  /** Throws ZipError('too-large') when the declared sizes of these entries together pass the cap. */
  checkDeclared(names: string[]): void {
    let total = 0;
    for (const n of names) total += this.entries.get(n)?.size ?? 0;
    if (total > this.maxBytes) {
      throw new ZipError('too-large', `the package declares ${total} uncompressed bytes, over the cap of ${this.maxBytes}`);
    }
  }

  /** Inflates one entry (undefined when absent), counting its output against the cap. */
  read(name: string): Uint8Array | undefined {
    return this.inflate(name, true);
  }

  /**
   * Inflates every entry, keeping nothing, so a package whose parts lie about their sizes is
   * caught (ZipError 'too-large') before another library inflates it without a bound.
   */
  measureAll(): number {
    for (const name of this.entries.keys()) this.inflate(name, false);
    return this.produced;
  }

  private inflate(name: string, keep: boolean): Uint8Array | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    if (entry.encrypted) throw new ZipError('corrupt', `${name} is encrypted`);
    const b = this.bytes;
    const h = entry.localOffset;
    if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new ZipError('corrupt', `bad local header for ${name}`);
    const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
    const end = start + entry.compressedSize;
    if (end > b.length) throw new ZipError('corrupt', `${name} runs past the end of the file`);
    const data = b.subarray(start, end);
    const budget = this.maxBytes - this.produced;
    if (entry.method === 0) {
      if (data.length > budget) throw this.tooLarge(name);
      this.produced += data.length;
      return keep ? data.slice() : undefined;
    }
    if (entry.method !== 8) throw new ZipError('corrupt', `${name} uses unsupported compression method ${entry.method}`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    let done = false;
    const inflater = new Inflate((chunk, final) => {
      total += chunk.length;
      if (total > budget) throw this.tooLarge(name);
      if (keep) chunks.push(chunk);
      if (final) done = true;
    });
    // small slices bound what one push can produce (deflate expands at most ~1032:1)
    const SLICE = 16 * 1024;
    try {
      for (let o = 0; o < data.length; o += SLICE) {
        inflater.push(data.subarray(o, Math.min(data.length, o + SLICE)), o + SLICE >= data.length);
      }
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof ZipError) throw err;
      throw new ZipError('corrupt', `${name} does not inflate: ${(err as Error).message}`);
    }
    if (!done && data.length > 0) throw new ZipError('corrupt', `${name} is truncated`);
    this.produced += total;
    if (!keep) return undefined;
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of chunks) { out.set(c, o); o += c.length; }
    return out;
  }

  /** Reads an XML part as text (UTF-8, or UTF-16 with a byte-order mark). */
  readText(name: string): string | undefined {
    const raw = this.read(name);
    if (!raw) return undefined;
    if (raw[0] === 0xff && raw[1] === 0xfe) return new TextDecoder('utf-16le').decode(raw);
    if (raw[0] === 0xfe && raw[1] === 0xff) return new TextDecoder('utf-16be').decode(raw);
    return new TextDecoder('utf-8').decode(raw);
  }

  private tooLarge(name: string): ZipError {
    return new ZipError('too-large', `${name} inflates beyond the cap of ${this.maxBytes} uncompressed bytes`);
  }
}
