// Builds the section tree of a document from its heading lines.
// Numbering styles nest in the order a report first uses them, not in a fixed order: a report that
// goes 一、 → 1. → （1） nests them so, and one that skips a level still nests correctly. A style seen
// again closes everything opened since its last use (a sibling), so numbering that restarts is fine.
import type { Block, ParsedDocument } from '../../schemas/document.ts';
import type { Section, SegmentedDocument } from '../../schemas/sections.ts';
import { isReportTitle, matchNumberedHeading, matchPlainHeading, type HeadingMatch } from './headings.ts';

interface Open { key: string; section: Section }

const textOf = (b: Block | undefined) => (b && b.kind === 'paragraph' ? b.text : null);

/** Decides whether block i opens a section, and how. */
export function headingAt(blocks: Block[], i: number, seenHeading: boolean): (HeadingMatch & { key: string }) | null {
  const block = blocks[i];
  if (block.kind !== 'paragraph' || !block.text.trim()) return null;
  const numbered = matchNumberedHeading(block.text);
  if (numbered) return { ...numbered, key: numbered.style };
  if (block.styleLevel) return { style: 'markup', number: null, title: block.text.trim(), rest: '', key: `markup-${block.styleLevel}` };
  if (isReportTitle(block.text) && !/^(根据|按照|关于《)/.test(block.text)) {
    return { style: 'title', number: null, title: block.text.replace(/[\s\u3000]+/g, ''), rest: '', key: 'title' };
  }
  const plain = matchPlainHeading(block.text);
  if (!plain || !seenHeading) return null;
  // a short line is a heading only when prose follows it, not in a run of short list lines
  const next = textOf(blocks[i + 1]);
  const prev = textOf(blocks[i - 1]);
  const nextIsProse = blocks[i + 1]?.kind === 'table' || (next != null && (next.length > MAX_LIST_LINE || matchNumberedHeading(next) != null));
  const prevIsShortLine = prev != null && prev.length <= MAX_LIST_LINE && !matchNumberedHeading(prev) && !isReportTitle(prev);
  return nextIsProse && !prevIsShortLine ? { ...plain, key: 'plain' } : null;
}

const MAX_LIST_LINE = 30;

export function segment(doc: ParsedDocument): SegmentedDocument {
  const sections: Section[] = [];
  const blockSection: Array<number | null> = [];
  const stack: Open[] = [];

  doc.blocks.forEach((block, i) => {
    const h = headingAt(doc.blocks, i, sections.length > 0);
    if (h) {
      if (h.key === 'title') stack.length = 0;
      else {
        const same = stack.findIndex((o) => o.key === h.key);
        if (same >= 0) stack.length = same;
      }
      const parent = stack.at(-1)?.section ?? null;
      const title = h.number ? `${h.number}${h.title}` : h.title;
      const section: Section = {
        id: sections.length,
        parentId: parent?.id ?? null,
        style: h.style,
        number: h.number,
        title,
        depth: stack.length,
        path: parent ? `${parent.path} / ${title}` : title,
        block: i,
        source: block.source,
      };
      sections.push(section);
      stack.push({ key: h.key, section });
    }
    blockSection.push(stack.at(-1)?.section.id ?? null);
  });

  return { ...doc, sections, blockSection };
}

/** The section path a block stands in ('' before the first heading). */
export function sectionPathOf(doc: SegmentedDocument, blockIndex: number): string {
  const id = doc.blockSection[blockIndex];
  return id == null ? '' : doc.sections[id].path;
}
