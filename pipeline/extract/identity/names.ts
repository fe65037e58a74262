// What an organisation name looks like once its boundaries are known (a labelled value, a piece of a title):
// Han characters ending in an organisation word, no sentence words, no placeholders. No length cap that cuts
// real names (上海市普陀区人民政府万里街道办事处, 北京市人民政府国有资产监督管理委员会).

/** The words an organisation's name ends with (局, 委员会, 办事处, 总队 …). */
export const ORG_SUFFIX = /(局|厅|委员会|委|办公室|办|中心|院|署|部|所|站|队|馆|处|会|室|公司|集团|社|台|团|校|大学|学会|园|宫|场|监狱|政府|党委|组|科|庭|协会|联合会|机关)$/;

/** Placeholders a template writes where the unit's name goes (XX单位, ××局, ＿＿＿). */
export const PLACEHOLDER = /[XxＸｘ×]{2,}|[＿_]{2,}|○○|某某/;

/** Characters that only a sentence, never a name, contains. */
const SENTENCE = /[的了是将按向把被在从据]|根据|按照|通过|关于|以及|负责|开展|批复|审核/;

/** A unit's own budget words stuck to its name: 北京市统计局部门 (2026年度部门预算), X局本级, X局（本级）. */
const TRAILING = /(?:（本级）|\(本级\)|机关本级|本级|部门|本部)$/;

/** The organisation name in a string whose boundaries are already known, or null when it is none. */
export function cleanName(raw: string): string | null {
  let s = raw.normalize('NFKC').replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');
  s = s.replace(/^[：:，,、\d.．]+/, '').replace(/[：:，,。；;、]+$/, '');
  if (s.startsWith('（') && !s.includes('）')) s = s.slice(1);
  for (let prev = ''; prev !== s;) {
    prev = s;
    const trimmed = s.replace(TRAILING, '');
    if (trimmed !== s && ORG_SUFFIX.test(trimmed)) s = trimmed;
  }
  if (s.length < 3 || !/^[\p{Script=Han}（）]+$/u.test(s)) return null;
  if (!ORG_SUFFIX.test(s.replace(/（[^）]*）$/, ''))) return null;
  if (PLACEHOLDER.test(s) || SENTENCE.test(s)) return null;
  if (/^[省市区县]级/.test(s)) return null;
  return s;
}

/** A name a finance bureau approves with (经江苏省财政厅批复): the approver, never the reporting unit. */
export const isFinanceAuthority = (name: string) => /财政(局|厅|部)$/.test(name);
