// The region a unit belongs to: the places its name begins with (上海市普陀区…), else the document's most named
// place that its name's first word is the stem of (上海钻石… → 上海市), else the province its party body names (江苏省委 → 江苏省).
import { findOrganisations, findPlaces } from '../../lexicon/organisations.ts';
import { jieba } from '../../lexicon/jieba.ts';

export function regionOf(unit: string, body: string): string | null {
  const own = findOrganisations(unit)[0];
  if (own && own.index === 0) return own.place;
  const bare = unit.replace(/^(?:中共|中国共产党)/, '');
  const leading = /^([\p{Script=Han}]{2,7}?(?:省|自治区))/u.exec(bare)?.[1];
  if (leading) return leading;
  // a place jieba knows on its own (北京市), glued to a body it reads as one word (北京市人民政府, 北京市公安局)
  const city = /^([\p{Script=Han}]{1,6}?(?:市|州|盟))/u.exec(bare)?.[1];
  const tagged = city ? jieba().tag(city) : [];
  if (tagged.length === 1 && tagged[0].tag === 'ns') return city!;
  const first = jieba().tag(bare)[0]?.word ?? '';
  const counts = new Map<string, number>();
  for (const p of findPlaces(body)) if (first.length >= 2 && p.startsWith(first) && p !== first) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
