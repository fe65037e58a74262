// The per-document pipeline in memory: bytes → parsed → segmented → extracted → validated.
import type { Message } from '../../schemas/document.ts';
import type { Extraction, Flag } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { parseFile } from '../../parsers/index.ts';
import { segment } from '../segment/index.ts';
import { extract } from '../extract/index.ts';
import { validateExtraction } from '../validate/index.ts';
import { checkDocument } from '../check/index.ts';

export interface ProcessedDocument { doc: SegmentedDocument; extraction: Extraction; flags: Flag[]; messages: Message[] }

/** Extraction, validation and the in-document checks; the parser's messages come first. */
export function analyse(doc: SegmentedDocument): ProcessedDocument {
  const { extraction, messages } = validateExtraction(doc.file, extract(doc));
  return { doc, extraction, flags: checkDocument(doc, extraction), messages: [...doc.messages, ...messages] };
}

export async function processFile(path: string, bytes: Uint8Array): Promise<ProcessedDocument> {
  return analyse(segment(await parseFile(path, bytes)));
}
