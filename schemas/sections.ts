// The section tree that segmentation adds to a parsed document.
import { z } from 'zod';
import { ParsedDocument, Provenance } from './document.ts';

export const HeadingStyle = z.enum([
  'title',        // the report's own title line, unnumbered
  'part',         // 第一部分
  'chapter',      // 第一章 / 第一节
  'cn',           // 一、
  'paren-cn',     // （一）
  'arabic',       // 1. / 1、 / 1．
  'paren-arabic', // （1）
  'circled',      // ①
  'markup',       // a level the source declares (DOCX heading style, markdown #)
  'plain',        // an unnumbered heading such as 人员情况。
]);
export type HeadingStyle = z.infer<typeof HeadingStyle>;

export const Section = z.object({
  id: z.number().int().nonnegative(),
  parentId: z.number().int().nonnegative().nullable(),
  style: HeadingStyle,
  /** The numbering as written: 一、 （一） 1. ① … ; null for unnumbered headings. */
  number: z.string().nullable(),
  title: z.string(),
  depth: z.number().int().nonnegative(),
  /** Titles from the root down, joined with " / ". */
  path: z.string(),
  /** Index of the heading block; the section runs until the next heading at its depth or above. */
  block: z.number().int().nonnegative(),
  source: Provenance,
});
export type Section = z.infer<typeof Section>;

export const SegmentedDocument = ParsedDocument.extend({
  sections: z.array(Section),
  /** For each block, the id of the innermost section it stands in, or null before the first heading. */
  blockSection: z.array(z.number().int().nonnegative().nullable()),
});
export type SegmentedDocument = z.infer<typeof SegmentedDocument>;
