// Placeholder until the pdf parser lands (being written now).
import type { ParsedDocument } from '../../schemas/document.ts';

export async function parsePdf(path: string, _bytes: Uint8Array): Promise<ParsedDocument> {
  throw new Error(`${path}: pdf is not supported yet`);
}
