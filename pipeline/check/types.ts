// The rule catalogue's shared types: what a rule reads (the context) and what it returns (flags).
import type { DocumentMeta, Extraction, Figure, FlagCategory, Flag, Indicator, Project, Score } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { Sentence, TableView } from './sentences.ts';

export interface CheckContext {
  doc: SegmentedDocument;
  extraction: Extraction;
  meta: DocumentMeta;
  file: string;
  /** Paragraph sentences and long table cells, in document order. */
  sentences: Sentence[];
  /** Tables as grids of normalised cell texts. */
  tables: TableView[];
}

export interface Rule {
  id: string;
  category: FlagCategory;
  description: string;
  check(ctx: CheckContext): Flag[];
}

/** One report as the store holds it: plain data, no document text. */
export interface ReportSummary {
  file: string;
  meta: DocumentMeta;
  figures: Figure[];
  scores: Score[];
  projects: Project[];
  indicators: Indicator[];
}

export interface CrossRule {
  id: string;
  category: FlagCategory;
  description: string;
  check(reports: ReportSummary[]): Array<{ file: string; flag: Flag }>;
}
