// Expands the paths given on the command line into the files to import.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FileListing { files: string[]; missing: string[] }

export async function listInputFiles(paths: string[]): Promise<FileListing> {
  const files: string[] = [];
  const missing: string[] = [];
  async function walk(p: string): Promise<void> {
    let s;
    try { s = await stat(p); } catch { missing.push(p); return; }
    if (s.isDirectory()) {
      const entries = (await readdir(p)).filter((n) => !n.startsWith('.')).sort();
      for (const n of entries) await walk(join(p, n));
    } else if (s.isFile()) files.push(p);
  }
  for (const p of paths) await walk(p);
  return { files, missing };
}
