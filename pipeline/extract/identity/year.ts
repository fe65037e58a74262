// The fiscal year, from the most authoritative place that states it: the title or cover (2026年度部门预算,
// 2024年度部门决算, 评价年度：2025, 2021-2024年 → 2024), then the standard tables' titles (2019年政府采购预算表),
// then the year the body names most as 20XX年度. A cover's date (2026年1月, 2018年2月24日) is no fiscal year.

const DATE = /(20\d{2})\s*年\s*\d{1,2}\s*月/g;

/** The year a title or cover line states, or null. */
export function yearInTitle(text: string): number | null {
  const t = text.replace(DATE, ' ');
  const range = /(20\d{2})\s*[-—至~]\s*(20\d{2})\s*年/.exec(t);
  if (range) return Number(range[2]);
  const m = /(?:评价年度|年度)[:：]?\s*(20\d{2})|(20\d{2})\s*(?:年|(?=\s*(?:部门|单位|预算|决算)))/.exec(t);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** A standard table's title with its year: 2019年政府采购预算表, 2024年度部门财务收支预算总表, 2023年收入支出决算总表. */
const TABLE_TITLE_YEAR = /^(?:\d+[.．、]\s*)?(20\d{2})\s*年度?[\p{Script=Han}“”"（）()、]{0,30}(?:预算|决算)[\p{Script=Han}“”"（）()]{0,16}表$/u;

export function yearOfTables(lines: string[]): number | null {
  return mostFrequent(lines.flatMap((l) => { const m = TABLE_TITLE_YEAR.exec(l.replace(/\s+/g, '')); return m ? [Number(m[1])] : []; }));
}

export function yearInBody(body: string): number | null {
  return mostFrequent([...body.matchAll(/(20\d{2})\s*年度/g)].map((m) => Number(m[1])));
}

function mostFrequent(xs: number[]): number | null {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
