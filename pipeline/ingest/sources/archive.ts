// Lists the entries of a zip archive as sources, like a folder, and reads each entry only when the
// import gets to it: the directory comes from the archive's tail, an entry's compressed bytes are
// read piece by piece and inflated with caps, so neither a big archive nor a bomb is held in memory.
// Caps: entries per archive, bytes inflated per archive in all, the compression ratio of an entry
// (what a bomb needs), and an entry's size (the file size limit). A zip inside the archive is opened
// too; one inside that is skipped. Names are decoded as the archive's maker wrote them (names.ts).
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import { readCentralDirectory, entryDataStart, ZipError, type ZipEntry } from '../../../parsers/docx/zip.ts';
import type { Limits } from '../limits.ts';
import { cleanEntryPath, decodeZipName, isHiddenEntry } from './names.ts';
import { ignoredByName, kindFromName, kindOf } from './kind.ts';
import { memoryArchive, type ArchiveFile, type Listed } from './types.ts';

const MiB = 1024 * 1024;
/** Below this an entry's ratio says nothing: a small file of blank lines compresses very well. */
const RATIO_FLOOR = MiB;

/** What one top-level archive may inflate, shared with the archives inside it. */
export interface ArchiveBudget { declared: number; inflated: number; readonly max: number }

export const newBudget = (limits: Limits): ArchiveBudget => ({ declared: 0, inflated: 0, max: limits.maxArchiveMb * MiB });

interface Context { limits: Limits; budget: ArchiveBudget; depth: number }

const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

/**
 * How a listed entry gets at its archive's bytes when the import reads it: directly for an archive
 * on disk; through the held bytes of the outer entry for an archive inside another.
 */
interface Access { withFile<T>(f: (file: ArchiveFile) => Promise<T>): Promise<T> }

/** Lists an archive: its entries as sources, or one failure naming the archive when it is unreadable or a bomb. */
export async function listArchive(file: ArchiveFile, name: string, limits: Limits, budget = newBudget(limits), depth = 0,
  access: Access = { withFile: (f) => f(file) }): Promise<Listed[]> {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory({ size: file.size, read: (o, l) => file.readSync(o, l) });
  } catch (e) {
    if (e instanceof ZipError) return [{ kind: 'failed', path: name, reason: `${e.message.replace(/^not a readable zip/, 'not a readable zip archive')} (damaged or truncated)` }];
    throw e;
  }
  const ctx = { limits, budget, depth };
  const refused = refusal(entries, file.size, ctx);
  if (refused) return [{ kind: 'failed', path: name, reason: refused }];
  budget.declared += entries.reduce((n, e) => n + e.size, 0);

  const files = entries
    .filter((e) => !isDirectory(e))
    .map((e) => ({ entry: e, path: cleanEntryPath(decodeZipName({ raw: e.rawName, utf8: e.utf8, unicodeName: e.unicodeName })) }))
    .filter((f) => f.path !== '' && !isHiddenEntry(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const out: Listed[] = [];
  for (const { entry, path: inner } of files) {
    const path = `${name}/${inner}`;
    // refused here rather than when imported: an entry never read would keep a nested archive's bytes held
    const unreadable = entry.encrypted ? 'encrypted in the archive: it needs a password'
      : entry.size > limits.maxFileMb * MiB ? `${mib(entry.size)}, larger than the limit of ${limits.maxFileMb} MiB (--max-file-mb)`
      : entry.method !== 0 && entry.method !== 8 ? `compressed with method ${entry.method}; only stored and deflated entries are read`
      : null;
    if (unreadable) { out.push({ kind: 'failed', path, reason: unreadable }); continue; }
    const ignored = ignoredByName(inner);
    if (ignored) { out.push({ kind: 'ignored', path, reason: ignored }); continue; }
    if (kindFromName(inner)?.kind === 'archive') {
      if (depth >= 1) {
        out.push({ kind: 'ignored', path, reason: 'a zip inside a zip inside a zip: archives are opened one level deep' });
        continue;
      }
      out.push(...await listNested(file, entry, path, ctx));
      continue;
    }
    const read = () => access.withFile((f) => readEntry(f, entry, path, ctx));
    out.push({ kind: 'source', source: { name: path, size: entry.size, read, inArchive: true } });
  }
  return out;
}

/** Why a whole archive is refused before anything is inflated, or null. */
function refusal(entries: ZipEntry[], fileSize: number, { limits, budget }: Context): string | null {
  if (entries.length > limits.maxArchiveEntries) {
    return `${entries.length} entries, more than the limit of ${limits.maxArchiveEntries} (--max-archive-entries): refused as a possible zip bomb`;
  }
  for (const e of entries) {
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size > RATIO_FLOOR && ratio > limits.maxCompressionRatio) {
      return `a zip bomb: one entry declares ${mib(e.size)} from ${e.compressedSize} compressed bytes (${Math.round(ratio)}:1, over the limit of ${limits.maxCompressionRatio}:1, --max-compression-ratio)`;
    }
    if (e.localOffset + e.compressedSize > fileSize) return 'not a readable zip archive: an entry runs past the end of the file (damaged or truncated)';
  }
  // entries that share compressed data inflate the same bytes many times over: a bomb without nesting
  const byOffset = entries.filter((e) => e.compressedSize > 0).sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    if (prev.localOffset + 30 + prev.rawName.length + prev.compressedSize > byOffset[i].localOffset) {
      return 'a zip bomb: its entries overlap (they share compressed data)';
    }
  }
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (budget.declared + declared > budget.max) {
    return `declares ${mib(budget.declared + declared)} uncompressed, more than the limit of ${limits.maxArchiveMb} MiB per archive (--max-archive-mb)`;
  }
  return null;
}

const isDirectory = (e: ZipEntry) => e.size === 0 && (e.rawName[e.rawName.length - 1] === 0x2f || e.rawName[e.rawName.length - 1] === 0x5c);

/**
 * A zip inside the archive: inflated once to list it, then again, once, when the import reaches its
 * entries (held while they are read, dropped after the last), so a listing holds no archive in memory.
 */
async function listNested(outer: ArchiveFile, entry: ZipEntry, path: string, ctx: Context): Promise<Listed[]> {
  // the second inflation is not counted against the budget: the same bytes, already counted
  const load = (count: boolean) => readEntry(outer, entry, path, ctx, count);
  let bytes: Uint8Array;
  try { bytes = await load(true); } catch (e) { return [{ kind: 'failed', path, reason: (e as Error).message }]; }
  if (kindOf(path, bytes).kind === 'report') {
    // an Office document given a .zip name
    return [{ kind: 'source', source: { name: path, size: entry.size, read: () => load(false), inArchive: true } }];
  }
  let users = 0;
  let held: Promise<Uint8Array> | null = null;
  const access: Access = {
    async withFile(f) {
      held ??= load(false);
      try { return await f(memoryArchive(await held)); } finally { if (--users === 0) held = null; }
    },
  };
  const listed = await listArchive(memoryArchive(bytes), path, ctx.limits, ctx.budget, ctx.depth + 1, access);
  users = listed.filter((l) => l.kind === 'source').length;
  return listed;
}

/**
 * Inflates one entry from the archive, reading its compressed bytes a slice at a time. It stops as
 * soon as the output passes the size the directory declared (which the caps were checked against),
 * the file size limit or the archive's budget, and checks the CRC, so a damaged entry never
 * reaches a parser as if it were whole.
 */
export async function readEntry(file: ArchiveFile, entry: ZipEntry, path: string, { limits, budget }: Context, count = true): Promise<Uint8Array> {
  const maxBytes = limits.maxFileMb * MiB;
  if (entry.size > maxBytes) throw new ZipError('too-large', `${mib(entry.size)}, larger than the limit of ${limits.maxFileMb} MiB (--max-file-mb)`);
  const reader = await file.open();
  try {
    const header = await reader.read(entry.localOffset, 30);
    const start = entry.localOffset + entryDataStart(header, path);
    const end = start + entry.compressedSize;
    if (end > file.size) throw new ZipError('corrupt', 'runs past the end of the archive (damaged or truncated)');
    const chunks: Uint8Array[] = [];
    let produced = 0;
    const take = (chunk: Uint8Array) => {
      produced += chunk.length;
      if (produced > entry.size) {
        throw new ZipError('corrupt', `inflates to more than the ${entry.size} bytes the archive declares: a damaged archive or a zip bomb`);
      }
      if (count && budget.inflated + produced > budget.max) {
        throw new ZipError('too-large', `the archive inflates to more than the limit of ${limits.maxArchiveMb} MiB (--max-archive-mb)`);
      }
      chunks.push(chunk);
    };
    const READ = MiB, SLICE = 16 * 1024;
    if (entry.method === 0) {
      for (let o = start; o < end; o += READ) take((await reader.read(o, Math.min(READ, end - o))).slice());
    } else {
      let done = false;
      const inflater = new Inflate((chunk, final) => { take(chunk); if (final) done = true; });
      try {
        for (let o = start; o < end; o += READ) {
          const piece = await reader.read(o, Math.min(READ, end - o));
          if (piece.length === 0) break;
          // small pushes bound what one can produce (deflate expands at most ~1032:1)
          for (let s = 0; s < piece.length; s += SLICE) {
            inflater.push(piece.subarray(s, Math.min(piece.length, s + SLICE)), o + s + SLICE >= end);
          }
        }
        if (entry.compressedSize === 0) inflater.push(new Uint8Array(0), true);
      } catch (e) {
        if (e instanceof ZipError) throw e;
        throw new ZipError('corrupt', `does not inflate (damaged archive): ${(e as Error).message}`);
      }
      if (!done && entry.size > 0) throw new ZipError('corrupt', 'truncated inside the archive');
    }
    if (produced !== entry.size) throw new ZipError('corrupt', `inflates to ${produced} bytes, not the ${entry.size} the archive declares (damaged)`);
    const out = concat(chunks, produced);
    if (crc32(out) !== entry.crc) throw new ZipError('corrupt', 'fails its CRC check: damaged in the archive');
    if (count) budget.inflated += produced;
    return out;
  } finally {
    await reader.close();
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].byteOffset === 0 && chunks[0].byteLength === chunks[0].buffer.byteLength) return chunks[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
