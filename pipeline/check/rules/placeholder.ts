// entity.placeholder: a template's placeholder left in a published document (XX局, ××单位, 单位名称：XX) where
// the document's own unit belongs: in a heading, a table's header line, or a statement's 单位名称.
import type { Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag } from '../util.ts';

const PLACEHOLDER = /(?:[XxＸｘ×＊*]{2,}|某某)(?:市|区|县|镇|街道)?(?:局|委员会|委|办公室|办|厅|单位|部门|中心|院|所|站|队|公司)/u;

export const placeholderName: Rule = {
  id: 'entity.placeholder',
  category: 'entity',
  description: '文件中残留模板占位名称（如XX局）',
  check(ctx) {
    const out: Flag[] = [];
    ctx.doc.blocks.forEach((b, i) => {
      if (b.kind !== 'paragraph' || b.text.length > 120) return;
      const m = PLACEHOLDER.exec(b.text);
      if (!m) return;
      out.push(flag({
        category: 'entity', rule: this.id,
        message: `文件中写有模板占位名称“${m[0]}”，应为本单位名称${ctx.meta.unit ? `（${ctx.meta.unit}）` : ''}`,
        evidence: [{ text: b.text, file: ctx.file, section: ctx.doc.sections.find((s) => s.id === ctx.doc.blockSection[i])?.path ?? '', source: b.source }],
      }));
    });
    return out.slice(0, 3);
  },
};
