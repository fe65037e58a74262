// Placeholder until legacy .doc/.xls conversion lands (being written now).
import type { ParsedDocument } from '../schemas/document.ts';

export async function convertLegacy(path: string, _bytes: Uint8Array, format: 'doc' | 'xls', _parse: (p: string, b?: Uint8Array) => Promise<ParsedDocument>): Promise<ParsedDocument> {
  throw new Error(`${path}: legacy .${format} is not supported yet`);
}
