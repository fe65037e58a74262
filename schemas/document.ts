// The document model every parser produces and every later stage reads.
// A parsed document is an ordered list of blocks (paragraphs and tables), each with its provenance.
import { z } from 'zod';

export const Format = z.enum(['txt', 'md', 'pdf', 'docx', 'doc', 'xlsx', 'xls']);
export type Format = z.infer<typeof Format>;

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
});
export type Provenance = z.infer<typeof Provenance>;

export const Cell = z.object({
  text: z.string(),
  rowSpan: z.number().int().positive().default(1),
  colSpan: z.number().int().positive().default(1),
});
export type Cell = z.infer<typeof Cell>;

export const Paragraph = z.object({
  kind: z.literal('paragraph'),
  text: z.string(),
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
