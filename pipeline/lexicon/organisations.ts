// Finds organisation names (徐闻县医疗保障局, 南昌市西湖区医疗保障局) and place names in text.
// jieba's word boundaries tell where a name starts, which a regex over unspaced Chinese cannot:
// in "2023年度徐闻县医疗保障局整体支出" the name begins at the place word 徐闻县.
import { jieba } from './jieba.ts';

export interface OrganisationMention { name: string; place: string; body: string; index: number }

const PLACE_END = /[省市区县州旗盟镇乡]$/;
// every name found starts with a place word, which ends in one of these: text without one has none
// (and need not be tagged, the costly part)
const ANY_PLACE_END = /[省市区县州旗盟镇乡]/;
const ORG_END = /(局|厅|委员会|委|办公室|办|中心|院|署|部|所|站|队|馆|处|会|室|公司|集团)$/;
const NOT_PLACE = new Set(['城市', '地区', '市区', '全市', '全区', '全县', '全省', '本市', '本县', '本区', '社区', '辖区', '园区', '城区', '县区', '省市', '市县']);

// common words that end in an organisation character without naming one (社会/保障局, 全部, 场所)
const NOT_ORG_WORDS = new Set(['社会', '机会', '体会', '理会', '都会', '不会', '将会', '也会', '只会', '全部', '内部', '外部', '局部', '干部', '场所', '住所', '好处', '用处', '到处', '各处', '此处', '之处']);

// a place word that gathers places rather than naming one (各省市自治区, 省区市, 省市县)
const collective = (word: string) => /^各/.test(word) || /^[省市区县州乡镇自治]+$/.test(word);

// single characters that precede a place word without being part of it (由县财政局, 我市, 按市…)
const FUNCTION_CHARS = /^[由即按年我对在本全该各从向与和及至于为经将把被其每当原现新上下]/;

// A two-character word such as 我市, 由县, 全区 is a function character glued to a place suffix; a longer one
// may well begin with the same character (上海市, 新乡市, 和田市, 当阳市, 新疆维吾尔自治区).
const gluedSuffix = (word: string) => word.length === 2 && FUNCTION_CHARS.test(word);

function isPlace(w: { word: string; tag: string }): boolean {
  return w.word.length >= 2 && PLACE_END.test(w.word) && !NOT_PLACE.has(w.word) && /^\p{Script=Han}+$/u.test(w.word)
    && w.tag !== 'v' && !gluedSuffix(w.word) && !collective(w.word);
}

/** Every "place + organisation" name in the text, in order. */
export function findOrganisations(text: string): OrganisationMention[] {
  if (!ANY_PLACE_END.test(text)) return [];
  const words = mergeSplitPlaces(jieba().tag(text.replace(/[\s\u3000]+/g, '')));
  const out: OrganisationMention[] = [];
  let offset = 0;
  const starts: number[] = [];
  for (const w of words) { starts.push(offset); offset += w.word.length; }
  for (let i = 0; i < words.length; i++) {
    if (!isPlace(words[i])) continue;
    let j = i;
    let place = '';
    while (j < words.length && isPlace(words[j]) && place.length < 12) place += words[j++].word;
    let body = '';
    for (let k = j; k < words.length && k < j + 6; k++) {
      const w = words[k].word;
      if (!/^\p{Script=Han}+$/u.test(w)) break;
      // 局部|门 is 局 + 部门 (广州市科学技术局部门预算): the name ends at 局
      if (w === '局部' && words[k + 1]?.word.startsWith('门')) {
        body += '局';
        out.push({ name: place + body, place, body, index: starts[i] });
        break;
      }
      body += w;
      if (ORG_END.test(w) && !NOT_ORG_WORDS.has(w) && body.length >= 2) {
        out.push({ name: place + body, place, body, index: starts[i] });
        break;
      }
      if (body.length > 12) break;
    }
    i = j - 1;
  }
  return out;
}

/** jieba splits a rare place name as 吴 + 州市: join a lone character to a two-character place word. */
function mergeSplitPlaces(words: Array<{ word: string; tag: string }>) {
  const out: Array<{ word: string; tag: string }> = [];
  for (const w of words) {
    const prev = out.at(-1);
    if (prev && prev.word.length === 1 && /\p{Script=Han}/u.test(prev.word) && !FUNCTION_CHARS.test(prev.word)
      && w.word.length === 2 && PLACE_END.test(w.word) && (prev.tag === 'nr' || prev.tag === 'ns' || prev.tag === 'n' || prev.tag === 'nrt' || prev.tag === 'ng')) {
      out[out.length - 1] = { word: prev.word + w.word, tag: 'ns' };
    } else out.push(w);
  }
  return out;
}

/** Place names (县, 市, 区 …) as jieba reads them. */
export function findPlaces(text: string): string[] {
  if (!ANY_PLACE_END.test(text)) return [];
  return mergeSplitPlaces(jieba().tag(text.replace(/[\s\u3000]+/g, ''))).filter(isPlace).map((w) => w.word);
}
