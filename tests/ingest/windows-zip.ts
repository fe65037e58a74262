// Writes zip archives byte by byte the way Windows' "Send to → Compressed folder" does on a Chinese
// system: names in the code page (CP936/GBK), general-purpose flag bit 11 clear, folders as their
// own entries. fflate's zipSync always writes UTF-8 names, so tests that need GBK names use this.
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';
import iconv from 'iconv-lite';

export interface ZipItem {
  name: string;
  /** Absent for a folder entry. */
  data?: Uint8Array;
  /** Stored in UTF-8 with bit 11 set (what 7-Zip and Info-ZIP write); default: GBK, bit 11 clear. */
  utf8?: boolean;
  /** With `utf8`: leave bit 11 clear all the same, as macOS' Archive Utility does. */
  noFlag?: boolean;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Overrides the uncompressed size the headers declare (a lying bomb). */
  declaredSize?: number;
}

export function makeZip(items: ZipItem[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const item of items) {
    const name = item.utf8 ? Buffer.from(item.name, 'utf8') : iconv.encode(item.name, 'gbk');
    const data = item.data ?? new Uint8Array(0);
    const method = item.data ? item.method ?? 8 : 0;
    const body = method === 8 ? deflateSync(data, { level: 6 }) : data;
    const crc = crc32(data);
    const size = item.declaredSize ?? data.length;
    const flags = item.utf8 && !item.noFlag ? 0x800 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(flags, 6); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10); central.writeUInt32LE(crc, 16); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(item.data ? 0x20 : 0x10, 38); central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(body));
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  return finish(locals, centrals, items.length, offset);
}

/** Many entries whose directory records all point at one compressed body: an overlapping bomb. */
export function makeOverlappingZip(count: number, data: Uint8Array): Uint8Array {
  const body = deflateSync(data);
  const name = Buffer.from('a.txt');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8); local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(body.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(name.length, 26);
  const centrals: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const n = Buffer.from(`${i}.txt`);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(8, 10); c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(body.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(0, 42);
    centrals.push(c, n);
  }
  return finish([local, name, Buffer.from(body)], centrals, count, 30 + name.length + body.length);
}

function finish(locals: Buffer[], centrals: Buffer[], count: number, cdOffset: number): Uint8Array {
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(count, 8); eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cd.length, 12); eocd.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}
