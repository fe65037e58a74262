// Placeholder until the docx parser lands (being written now).
import type { ParsedDocument } from '../../schemas/document.ts';

export async function parseDocx(path: string, _bytes: Uint8Array): Promise<ParsedDocument> {
  throw new Error(`${path}: docx is not supported yet`);
}
