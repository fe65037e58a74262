// The document model every parser produces and every later stage reads.
// A parsed document is an ordered list of blocks (paragraphs and tables), each with its provenance.
import { z } from 'zod';

export const Format = z.enum(['txt', 'md', 'pdf', 'docx', 'doc', 'xlsx', 'xls']);
export type Format = z.infer<typeof Format>;

/**
 * A rectangle on a page, in PDF points at scale 1 with the origin at the page's top-left corner
 * (pdf.js viewport space): a page rendered at scale s shows it at (x0·s, y0·s)–(x1·s, y1·s).
 */
export const Box = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
export type Box = z.infer<typeof Box>;

/** Where a block, cell or value stands in its source file. */
export const Provenance = z.object({
  file: z.string(),
  /** 1-based page (PDF). */
  page: z.number().int().positive().optional(),
  /** 1-based first and last line (text). */
  line: z.number().int().positive().optional(),
  lineEnd: z.number().int().positive().optional(),
  /** 0-based block index in the source: paragraph or table (DOCX). */
  block: z.number().int().nonnegative().optional(),
  /** Sheet name and A1 range (XLSX). */
  sheet: z.string().optional(),
  range: z.string().optional(),
  /** Where on `page` it is drawn (PDF, OCR). */
  box: Box.optional(),
  /** 0–1, for text read by OCR: the recogniser's confidence in it (the lowest over its parts). */
  confidence: z.number().min(0).max(1).optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Cell = z.object({
  text: z.string(),
  rowSpan: z.number().int().positive().default(1),
  colSpan: z.number().int().positive().default(1),
  /** The cell's rectangle on its table's page (PDF, OCR). */
  box: Box.optional(),
  /** OCR confidence of the cell's text, 0–1. */
  confidence: z.number().min(0).max(1).optional(),
});
export type Cell = z.infer<typeof Cell>;

/** A stretch of a paragraph's text (`start`–`end`, UTF-16 offsets) drawn in one rectangle: a line. */
export const TextSpan = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  box: Box,
  confidence: z.number().min(0).max(1).optional(),
});
export type TextSpan = z.infer<typeof TextSpan>;

export const Paragraph = z.object({
  kind: z.literal('paragraph'),
  text: z.string(),
  /** Where each line of the text is drawn (PDF, OCR), so a value inside it can be boxed. */
  spans: z.array(TextSpan).optional(),
  /** Heading level the source format declares (DOCX heading style, markdown #), if any. */
  styleLevel: z.number().int().min(1).max(9).optional(),
  source: Provenance,
});
export type Paragraph = z.infer<typeof Paragraph>;

/** A table as the source lays it out: rows of cells, a merged cell present once with its spans. */
export const Table = z.object({
  kind: z.literal('table'),
  rows: z.array(z.array(Cell)),
  /** The caption or title line just before the table, when the parser knows it. */
  title: z.string().optional(),
  source: Provenance,
  /** Where each row stands (line, page, sheet range), parallel to `rows`, when the parser knows. */
  rowSources: z.array(Provenance).optional(),
});
export type Table = z.infer<typeof Table>;

export const Block = z.discriminatedUnion('kind', [Paragraph, Table]);
export type Block = z.infer<typeof Block>;

/** A block as plain text: a paragraph's text, or a table's rows as tab-separated lines. */
export function blockText(b: Block): string {
  return b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join('\t')).join('\n');
}

/** A message a stage collects instead of throwing, in the manner of mammoth and vfile. */
export const Message = z.object({
  level: z.enum(['info', 'warning', 'error']),
  /** Stable id of what raised it, e.g. `pdf/no-text-layer`. */
  rule: z.string(),
  text: z.string(),
  source: Provenance.optional(),
});
export type Message = z.infer<typeof Message>;

export const ParsedDocument = z.object({
  file: z.string(),
  /** Path as given on the command line (for messages); `file` is the base name used as identity. */
  path: z.string(),
  format: Format,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().nonnegative().optional(),
  blocks: z.array(Block),
  messages: z.array(Message),
});
export type ParsedDocument = z.infer<typeof ParsedDocument>;
