// The per-document pipeline: bytes → parsed → segmented → extracted → validated.
// Pure apart from parsing's own needs; storage happens in the caller.
import type { Message } from '../../schemas/document.ts';
import type { Extraction } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { parseFile } from '../../parsers/index.ts';
import { segment } from '../segment/index.ts';
import { extract } from '../extract/index.ts';
import { validateExtraction } from '../validate/index.ts';

export interface ProcessedDocument { doc: SegmentedDocument; extraction: Extraction; messages: Message[] }

export async function processFile(path: string, bytes: Uint8Array): Promise<ProcessedDocument> {
  const parsed = await parseFile(path, bytes);
  const doc = segment(parsed);
  const { extraction, messages } = validateExtraction(doc.file, extract(doc));
  return { doc, extraction, messages: [...parsed.messages, ...messages] };
}
