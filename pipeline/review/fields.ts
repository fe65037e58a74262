// What an analyst may correct, per kind of record: the stored column, its JSON name, its Chinese header
// and whether it holds a number (money in yuan, points, a percentage) or text.
export type RecordKind = 'figure' | 'indicator' | 'score' | 'project';
export const RECORD_KINDS: RecordKind[] = ['figure', 'indicator', 'score', 'project'];

export interface FieldSpec { column: string; json: string; zh: string; type: 'yuan' | 'number' | 'rate' | 'text' | 'comparator' | 'grade' }

export const FIELDS: Record<RecordKind, FieldSpec[]> = {
  figure: [
    { column: 'value_yuan', json: 'valueYuan', zh: '金额（元）', type: 'yuan' },
  ],
  indicator: [
    { column: 'actual_value', json: 'actualValue', zh: '完成值', type: 'number' },
    { column: 'target_value', json: 'targetValue', zh: '目标值', type: 'number' },
    { column: 'score', json: 'score', zh: '得分', type: 'number' },
    { column: 'self_score', json: 'selfScore', zh: '自评得分', type: 'number' },
    { column: 'weight', json: 'weight', zh: '权重', type: 'number' },
    { column: 'comparator', json: 'comparator', zh: '指标性质', type: 'comparator' },
    { column: 'target_unit', json: 'targetUnit', zh: '计量单位', type: 'text' },
    { column: 'target', json: 'target', zh: '指标值（原文）', type: 'text' },
    { column: 'actual', json: 'actual', zh: '实际完成值（原文）', type: 'text' },
    { column: 'level1', json: 'level1', zh: '一级指标', type: 'text' },
    { column: 'level2', json: 'level2', zh: '二级指标', type: 'text' },
  ],
  score: [
    { column: 'value', json: 'value', zh: '得分', type: 'number' },
    { column: 'max', json: 'max', zh: '满分', type: 'number' },
    { column: 'grade', json: 'grade', zh: '等级', type: 'grade' },
  ],
  project: [
    { column: 'executed_yuan', json: 'executedYuan', zh: '执行数（元）', type: 'yuan' },
    { column: 'budget_yuan', json: 'budgetYuan', zh: '年初预算（元）', type: 'yuan' },
    { column: 'adjusted_yuan', json: 'adjustedYuan', zh: '调整后预算（元）', type: 'yuan' },
    { column: 'execution_rate', json: 'executionRate', zh: '执行率', type: 'rate' },
    { column: 'score', json: 'score', zh: '得分', type: 'number' },
    { column: 'code', json: 'code', zh: '项目编码', type: 'text' },
  ],
};

/** The field a correction is about, from its column name, JSON name or Chinese header; the record's first field when blank. */
export function fieldOf(kind: RecordKind, name: string | null | undefined): FieldSpec | null {
  const specs = FIELDS[kind];
  const n = (name ?? '').trim();
  if (!n) return kind === 'figure' || kind === 'score' ? specs[0] : null;
  const bare = (s: string) => s.replace(/[（(].*?[）)]/g, '').trim();
  return specs.find((f) => f.column === n || f.json === n || f.zh === n || bare(f.zh) === bare(n)) ?? null;
}

const COMPARATORS: Record<string, string> = {
  '>': '>', '＞': '>', '>=': '>=', '≥': '>=', '＞＝': '>=', '=': '=', '＝': '=', '<=': '<=', '≤': '<=', '＜＝': '<=', '<': '<', '＜': '<',
  qualitative: 'qualitative', 定性: 'qualitative',
};

/** Parses what an analyst typed for a field: "379.64万元" → 3796400 for money, "98%" → 98 for a rate. Throws on nonsense. */
export function parseFieldValue(spec: FieldSpec, raw: string): number | string | null {
  const s = raw.trim().normalize('NFKC').replace(/\s+/g, '');
  if (s === '' || s === '空' || s.toLowerCase() === 'null') return null;
  switch (spec.type) {
    case 'yuan': {
      const m = /^([+-]?[\d,]*\.?\d+)(亿元|万元|元|亿|万)?$/.exec(s);
      if (!m) throw new Error(`${spec.zh}: "${raw}" is not an amount (e.g. 3796400, 379.64万元)`);
      const n = Number(m[1].replace(/,/g, ''));
      const factor = m[2]?.startsWith('亿') ? 1e8 : m[2]?.startsWith('万') ? 1e4 : 1;
      return Number((n * factor).toFixed(2));
    }
    case 'number': case 'rate': {
      const m = /^([+-]?[\d,]*\.?\d+)%?$/.exec(s);
      if (!m) throw new Error(`${spec.zh}: "${raw}" is not a number`);
      return Number(m[1].replace(/,/g, ''));
    }
    case 'comparator': {
      const c = COMPARATORS[s];
      if (!c) throw new Error(`${spec.zh}: "${raw}" is not one of > >= = <= < 定性`);
      return c;
    }
    case 'grade': {
      const g = s === '优秀' ? '优' : s === '良好' ? '良' : s === '中等' ? '中' : s === '较差' ? '差' : s;
      if (!['优', '良', '中', '差'].includes(g)) throw new Error(`${spec.zh}: "${raw}" is not one of 优 良 中 差`);
      return g;
    }
    default:
      return raw.trim();
  }
}
