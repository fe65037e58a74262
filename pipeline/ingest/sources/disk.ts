// Lists what the paths given on the command line hold: files, the files in folders (recursively,
// hidden ones left out), and the entries of zip archives. Folder entries are read as bytes
// (`readdir` with `encoding: 'buffer'`) and opened by those bytes, so a file whose name is not
// UTF-8 (a Windows zip unpacked on Linux leaves GBK names) is found and read; its name is decoded
// for display and storage.
import { closeSync, openSync, readSync } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Limits } from '../limits.ts';
import { listArchive } from './archive.ts';
import { isZipSignature, kindFromName, kindOf } from './kind.ts';
import { decodeDiskName } from './names.ts';
import type { ArchiveFile, Listed } from './types.ts';
import { readCentralDirectory } from '../../../parsers/docx/zip.ts';

const SLASH = Buffer.from('/');
const HEAD = 8192;

export async function listInputs(paths: string[], limits: Limits): Promise<Listed[]> {
  const out: Listed[] = [];
  for (const p of paths) await walk(Buffer.from(p), p, true, limits, out);
  return out;
}

async function walk(path: Buffer, name: string, given: boolean, limits: Limits, out: Listed[]): Promise<void> {
  let s;
  try { s = await stat(path); } catch {
    out.push({ kind: 'failed', path: name, reason: given ? 'no such file or folder' : 'vanished before it could be read' });
    return;
  }
  if (s.isDirectory()) {
    const entries = (await readdir(path, { encoding: 'buffer' }))
      .filter((n) => n[0] !== 0x2e)
      .map((n) => ({ bytes: n, name: decodeDiskName(n) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const dir = path[path.length - 1] === 0x2f ? path : Buffer.concat([path, SLASH]);
    for (const e of entries) await walk(Buffer.concat([dir, e.bytes]), join(name, e.name), false, limits, out);
    return;
  }
  if (!s.isFile()) return;
  const kind = kindFromName(name)?.kind === 'report' ? 'report' : kindOfFile(path, name, s.size);
  if (typeof kind === 'object') { out.push({ kind: 'ignored', path: name, reason: kind.reason }); return; }
  if (kind === 'archive') { out.push(...await listArchive(diskArchive(path, s.size), name, limits)); return; }
  out.push({ kind: 'source', source: { name, size: s.size, read: async () => new Uint8Array(await readFile(path)), inArchive: false } });
}

/** Decides from the file's first bytes, and for a zip from its directory, what it is. */
function kindOfFile(path: Buffer, name: string, size: number): 'report' | 'archive' | { reason: string } {
  const file = diskArchive(path, size);
  let head: Uint8Array;
  try { head = file.readSync(0, HEAD); } catch { return 'report'; } // the read when importing reports it
  const kind = kindOf(name, head, () => isOfficeZip(file));
  return kind.kind === 'ignore' ? { reason: kind.reason } : kind.kind;
}

function isOfficeZip(file: ArchiveFile): boolean {
  if (!isZipSignature(file.readSync(0, 4))) return false;
  try {
    const names = new Set(readCentralDirectory({ size: file.size, read: (o, l) => file.readSync(o, l) }).map((e) => e.name));
    return names.has('word/document.xml') || names.has('xl/workbook.xml') || names.has('[Content_Types].xml');
  } catch {
    // unreadable: an Office name inside it says which parser should report it, as detect.ts does
    const head = Buffer.from(file.readSync(0, 64 * 1024)).toString('latin1');
    return /word\/document\.xml|xl\/workbook\.xml|\[Content_Types\]\.xml/.test(head);
  }
}

/** A file on disk as an archive: its directory read synchronously while listing, its entries through a handle. */
export function diskArchive(path: Buffer, size: number): ArchiveFile {
  return {
    size,
    readSync(offset, length) {
      const fd = openSync(path, 'r');
      try {
        const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const n = readSync(fd, buf, 0, buf.length, offset);
        return new Uint8Array(buf.buffer, buf.byteOffset, n);
      } finally { closeSync(fd); }
    },
    async open() {
      const handle = await open(path, 'r');
      return {
        async read(offset, length) {
          const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
          const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
          return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
        },
        close: () => handle.close(),
      };
    },
  };
}
