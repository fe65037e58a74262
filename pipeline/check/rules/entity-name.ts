// The report naming another unit or another place as itself: 徐闻县统计局 where 我局 (成立…小组, 制定了…办法)
// is meant in a 徐闻县医疗保障局 report; 吴州市医疗保障局 on the cover of a 吴川市 report.
import type { Evidence, Flag } from '../../../schemas/records.ts';
import { findOrganisations, type OrganisationMention } from '../../lexicon/organisations.ts';
import type { CheckContext, Rule } from '../types.ts';
import { flag, sentenceEvidence } from '../util.ts';

/** Words around a name that make it the reporting unit itself. */
const SELF_BEFORE = /(成立|评价单位(?:（[^）]*）)?[:：]?|填报单位[:：]?|单位名称[:：]?|部门名称[:：]?|实施单位(?:（[^）]*）)?[:：]?|报告单位[:：]?|制定(?:了)?《|现将(?:20\d\d年度?)?)$/;
const SELF_AFTER = /^(?:绩效|整体支出|部门整体)?(?:自评|评价|自查)?(?:工作)?(?:领导)?小组|^(?:已)?制定了|^(?:部门)?整体支出(?:绩效)?(?:自评|评价)情况|^(?:绩效)?自评工作顺利/;
const LABEL = /^(评价单位|填报单位|单位名称|部门名称|实施单位|报告单位|项目单位)/;

/** Two place names of the same length and level that differ in one character: a typo of the other. */
function nearMiss(a: string, b: string): boolean {
  if (a.length !== b.length || a === b || a.at(-1) !== b.at(-1)) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d === 1;
}

const partyFree = (s: string) => s.replace(/^(?:中国共产党|中共)/, '').replace(/(省|市|区|县|州)委员会/g, '$1委');

/**
 * Whether a name is the reporting unit or one of its own: the unit written longer or shorter (广州市生态环境局 /
 * 广州市生态环境局部 / 生态环境局, 中共江苏省委办公厅 / 江苏省委办公厅), a unit under it (上海市应急管理局执法总队 under
 * 上海市应急管理局), or a unit the document lists as its own (下属单位, 纳入预算编制范围).
 */
export function ownOrganisation(name: string, unit: string, consolidates: string[]): boolean {
  const n = partyFree(name), u = partyFree(unit);
  if (n === u || u.endsWith(n) || n.endsWith(u) || u.startsWith(n) || n.startsWith(u)) return true;
  return consolidates.some((c) => { const k = partyFree(c); return k === n || k.endsWith(n) || n.endsWith(k); });
}

/**
 * Public institutions (事业单位) and the like, as departments hold them: hospitals, schools, 中心, 站, 所, 队, 馆. A
 * department's consolidated report names them as project owners (实施单位) and as its own, listed or not.
 */
const INSTITUTION = /(医院|卫生院|学校|学院|大学|中学|小学|幼儿园|中心|站|所|队|馆|院|处|科|公司)$/;

function selfContext(text: string, m: OrganisationMention): boolean {
  return SELF_BEFORE.test(text.slice(Math.max(0, m.index - 14), m.index)) || SELF_AFTER.test(text.slice(m.index + m.name.length, m.index + m.name.length + 14));
}

export const entityName: Rule = {
  id: 'entity.other-unit',
  category: 'entity',
  description: '报告把同地的其他单位或其他地名当作本单位',
  check(ctx: CheckContext) {
    const unit = ctx.meta.unit;
    if (!unit) return [];
    const own = findOrganisations(unit)[0];
    if (!own) return [];
    const ownPlaceTail = own.place.replace(/^.*?[省市](?=.+[市区县旗])/, '');
    const isOwn = (name: string) => ownOrganisation(name, unit, ctx.meta.consolidates ?? []);
    // only a unit's own budget (单位预算) speaks for one body alone; a department's report speaks for its institutions too
    const speaksForInstitutions = ctx.meta.scope !== 'unit';
    const hits = new Map<string, { kind: 'unit' | 'place'; name: string; ev: Evidence[] }>();
    const note = (kind: 'unit' | 'place', name: string, ev: Evidence) => {
      const h = hits.get(name) ?? { kind, name, ev: [] };
      h.ev.push(ev);
      hits.set(name, h);
    };
    const judge = (m: OrganisationMention, self: boolean, ev: Evidence) => {
      if (isOwn(m.name)) return;
      if (speaksForInstitutions && INSTITUTION.test(m.body) && !/^(财政|审计|统计)/.test(m.body)) return;
      const samePlace = m.place === own.place || m.place.endsWith(ownPlaceTail) || own.place.endsWith(m.place);
      if (samePlace && m.body !== own.body && self && !/(财政|审计|人民政府|政府办|党委|县委|市委|区委)/.test(m.body)) note('unit', m.name, ev);
      else if (!samePlace && m.body === own.body && (self || nearMiss(m.place.slice(-ownPlaceTail.length), ownPlaceTail))) note('place', m.name, ev);
    };
    for (const s of ctx.sentences) {
      if (!/(局|委员会|中心|办公室|厅|院|署|委|办)/.test(s.text)) continue;
      const ms = findOrganisations(s.text);
      for (const m of ms) judge(m, selfContext(s.text, m), sentenceEvidence(ctx, s));
    }
    // a cover or table label in one cell, the name in the next
    for (const t of ctx.tables) t.rows.forEach((row, r) => row.forEach((cell, c) => {
      if (!LABEL.test(cell) || !row[c + 1]) return;
      for (const m of findOrganisations(row[c + 1])) judge(m, true, { text: `${cell}：${row[c + 1]}`, file: ctx.file, section: t.section, source: t.rowSources[r] });
    }));
    const out: Flag[] = [];
    for (const h of hits.values()) {
      out.push(flag({
        category: 'entity', rule: h.kind === 'unit' ? 'entity.other-unit' : 'entity.other-place',
        message: h.kind === 'unit'
          ? `本报告的单位是${unit}，但有${h.ev.length}处把“${h.name}”当作本单位（成立小组、制定办法等）`
          : `本报告的单位是${unit}，但有${h.ev.length}处写作“${h.name}”（地名与本单位所在地${own.place}不符）`,
        evidence: h.ev,
      }));
    }
    return out;
  },
};
