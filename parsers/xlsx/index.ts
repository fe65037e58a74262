// Placeholder until the xlsx parser lands (being written now).
import type { ParsedDocument } from '../../schemas/document.ts';

export async function parseXlsx(path: string, _bytes: Uint8Array): Promise<ParsedDocument> {
  throw new Error(`${path}: xlsx is not supported yet`);
}
