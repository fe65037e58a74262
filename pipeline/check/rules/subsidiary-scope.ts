// The budget scope says the department's budget includes its subordinate units, while elsewhere the report
// says those units keep no budget (the ground a verification uses to move points between indicators).
import type { Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, sentenceEvidence } from '../util.ts';

const INCLUDES = /(包括|含|涵盖)[^。；]{0,24}?(\d+|[一二两三四五六七八九十]+)个下属(?:单位|预算单位|二级单位)(?:的)?预算|汇总预算[^。；]{0,20}下属单位/;
const DENIES = /下属单位(?:均)?(?:不做|不编制|未编制|不单独编制|无)预算|无下属(?:预算)?单位|没有下属(?:预算)?单位|不存在下属单位/;

export const subsidiaryScope: Rule = {
  id: 'conflict.subsidiary-scope',
  category: 'conflict',
  description: '预算编制范围称包括下属单位预算，别处却称下属单位不做预算或无下属单位',
  check(ctx) {
    const inc = ctx.sentences.filter((s) => INCLUDES.test(s.text));
    const den = ctx.sentences.filter((s) => DENIES.test(s.text));
    if (!inc.length || !den.length) return [];
    const said = DENIES.exec(den[0].text)![0];
    const incl = INCLUDES.exec(inc[0].text)![0];
    return [flag({
      category: 'conflict', rule: this.id,
      message: `预算编制范围写明“${incl}”，但报告又称“${said}”，两处对下属单位预算的说法相互矛盾`,
      evidence: [...inc, ...den].map((s) => sentenceEvidence(ctx, s)),
    })] satisfies Flag[];
  },
};
