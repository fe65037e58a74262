// An input source: something to import that has a name and bytes — a file on disk, or an entry
// inside a zip archive. The name is what the user sees and what is stored (decoded to Unicode,
// whatever bytes the disk or the archive held); the bytes are read only when the import gets to it.
export interface Source {
  /** Path as shown and stored: a path on disk, or the archive's path then the entry's path inside it. */
  name: string;
  /** Size in bytes, as the disk or the archive's directory declares it, checked before reading. */
  size: number;
  /** The whole content; rejects with an Error whose message names the problem. */
  read(): Promise<Uint8Array>;
  /** Inside an archive: another archive found in it by its bytes alone is not opened. */
  inArchive: boolean;
}

/** One line of a listing: a source to import, a file that is no report (skipped), or an input refused outright. */
export type Listed =
  | { kind: 'source'; source: Source }
  | { kind: 'ignored'; path: string; reason: string }
  | { kind: 'failed'; path: string; reason: string };

/** Random access to an archive's bytes: synchronous for its directory (read while listing), opened for its entries. */
export interface ArchiveFile {
  readonly size: number;
  readSync(offset: number, length: number): Uint8Array;
  open(): Promise<ArchiveReader>;
}

export interface ArchiveReader {
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function memoryArchive(bytes: Uint8Array): ArchiveFile {
  const slice = (offset: number, length: number) => bytes.subarray(offset, Math.min(bytes.length, offset + length));
  return {
    size: bytes.length,
    readSync: slice,
    open: async () => ({ read: async (o, l) => slice(o, l), close: async () => {} }),
  };
}
