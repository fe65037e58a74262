// Where a streaming export writes: a file written under a temporary name beside it and renamed into place
// only when the export is complete, so a failed export (disk full, database error, interrupted) never leaves
// a half-written file under the name asked for. Writes are buffered and awaited, so memory stays bounded
// however large the output, and any failure names the path.
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';

export interface Output {
  /** The path asked for (for messages), or "-" for standard output. */
  readonly path: string;
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes, closes and renames into place. */
  commit(): Promise<void>;
  /** Closes and removes the temporary file (safe to call after a failed write or commit). */
  abort(): Promise<void>;
}

/** An export write that failed: names the path and what went wrong. */
export class ExportWriteError extends Error {
  constructor(readonly path: string, cause: unknown) {
    const e = cause as NodeJS.ErrnoException;
    const why = e?.code === 'ENOENT' ? `the folder ${dirname(path)} does not exist`
      : e?.code === 'ENOSPC' ? 'no space left on the device'
      : e?.code === 'EACCES' || e?.code === 'EPERM' ? 'permission denied'
      : e?.code === 'EISDIR' ? 'it is a folder'
      : (e?.message ?? String(cause));
    super(`cannot write ${path}: ${why}`, { cause });
    this.name = 'ExportWriteError';
  }
}

const FLUSH_AT = 1 << 16;

class FileOutput implements Output {
  private parts: Array<string | Uint8Array> = [];
  private size = 0;
  private closed = false;
  constructor(readonly path: string, private readonly temp: string, private readonly fh: FileHandle) {}

  async write(chunk: string | Uint8Array): Promise<void> {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.parts.length) return;
    const buf = Buffer.concat(this.parts.map((p) => typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
    this.parts = [];
    this.size = 0;
    try {
      await this.fh.write(buf);
    } catch (e) {
      throw new ExportWriteError(this.path, e);
    }
  }

  async commit(): Promise<void> {
    await this.flush();
    try {
      await this.fh.close();
      this.closed = true;
      await rename(this.temp, this.path);
    } catch (e) {
      throw new ExportWriteError(this.path, e);
    }
  }

  async abort(): Promise<void> {
    this.parts = [];
    if (!this.closed) { this.closed = true; await this.fh.close().catch(() => {}); }
    await unlink(this.temp).catch(() => {});
  }
}

class StdoutOutput implements Output {
  readonly path = '-';
  async write(chunk: string | Uint8Array): Promise<void> {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
  async commit(): Promise<void> {}
  async abort(): Promise<void> {}
}

/** Opens `path` for a streaming export ("-": standard output). The file appears under its name only on commit. */
export async function openOutput(path: string): Promise<Output> {
  if (path === '-') return new StdoutOutput();
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    return new FileOutput(path, temp, await open(temp, 'w'));
  } catch (e) {
    throw new ExportWriteError(path, e);
  }
}

/** Runs `fn` writing to the outputs, commits them all if it succeeds, else removes every one. */
export async function writeAll<T>(outputs: Output[], fn: () => Promise<T>): Promise<T> {
  try {
    const result = await fn();
    for (const o of outputs) await o.commit();
    return result;
  } catch (e) {
    for (const o of outputs) await o.abort();
    throw e;
  }
}
