// The CPU-bound part of importing one file, run inside a worker: parse, check, segment.
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { parseFile } from '../../parsers/index.ts';
import { segment } from '../segment/index.ts';
import { guardDocument } from './guard.ts';
import type { Limits } from './limits.ts';

export interface ParseRequest { id: number; path: string; bytes: Uint8Array; limits: Limits }
export type ParseReply = { id: number; ok: true; doc: SegmentedDocument } | { id: number; ok: false; reason: string };

export async function runParseTask(req: ParseRequest): Promise<ParseReply> {
  try {
    const ocr = req.limits.ocrPageSeconds > 0 ? { pageSeconds: req.limits.ocrPageSeconds } : false as const;
    const parsed = await parseFile(req.path, req.bytes, { ocr });
    guardDocument(parsed, req.limits);
    return { id: req.id, ok: true, doc: segment(parsed) };
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    const prefix = `${req.path}: `;
    return { id: req.id, ok: false, reason: message.startsWith(prefix) ? message.slice(prefix.length) : message };
  }
}
