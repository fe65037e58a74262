// One entry point for every format: detect from the bytes, hand to the format's parser.
// Every parser returns the same document model (schemas/document.ts).
import { readFile } from 'node:fs/promises';
import type { ParsedDocument } from '../schemas/document.ts';
import { detectFormat } from './detect.ts';
import { parseText } from './text/index.ts';
import { parsePdf } from './pdf/index.ts';
import type { OcrOptions } from './ocr/index.ts';
import { parseDocx } from './docx/index.ts';
import { parseXlsx } from './xlsx/index.ts';
import { convertLegacy } from './legacy.ts';
import { ParseError } from './shared/errors.ts';

export { ParseError };

export interface ParseOptions {
  /** OCR of PDF pages without a usable text layer; false turns it off. Default on. */
  ocr?: OcrOptions | false;
}

export async function parseFile(path: string, bytes?: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  const data = bytes ?? new Uint8Array(await readFile(path));
  const format = detectFormat(data, path);
  switch (format) {
    case 'txt':
    case 'md':
      return parseText(path, data, { format });
    case 'pdf':
      return parsePdf(path, data, { ocr: options.ocr });
    case 'docx':
      return parseDocx(path, data);
    case 'xlsx':
      return parseXlsx(path, data);
    case 'doc':
    case 'xls':
      return convertLegacy(path, data, format, (p, b) => parseFile(p, b, options));
    case 'empty':
      throw new ParseError(path, 'input/empty', 'the file is empty');
    case 'zip':
      throw new ParseError(path, 'input/unknown-zip', 'a zip archive that is neither DOCX nor XLSX');
    default:
      throw new ParseError(path, 'input/unknown-format', 'not a PDF, DOCX, XLSX, DOC, XLS or text file');
  }
}
