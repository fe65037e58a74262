// The whole catalogue on the five corpus reports: each gold inconsistency found, nothing else raised.
// Prose rules need no extraction; with the extractors' records, every gold flag is expected.
import { describe, expect, it } from 'vitest';
import { checkDocument, RULES } from '../../pipeline/check/index.ts';
import { extract } from '../../pipeline/extract/index.ts';
import { Flag } from '../../schemas/records.ts';
import { gold, STEMS } from '../helpers.ts';
import { corpusDoc, emptyExtraction } from './helpers.ts';

const mentions = (f: Flag, m: string) => f.message.includes(m) || f.evidence.some((e) => e.text.includes(m));

describe('catalogue', () => {
  it('has a unique id, a category and a Chinese description for every rule', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.description).toMatch(/\p{Script=Han}/u);
  });
});

describe.each(STEMS)('%s', (stem) => {
  const doc = corpusDoc(stem);
  const g = gold(stem);
  it('raises only valid flags, each gold flag matched at most once, no unmatched flag (with the real extraction)', () => {
    const flags = checkDocument(doc, extract(doc));
    for (const f of flags) expect(() => Flag.parse(f)).not.toThrow();
    const used = new Set<number>();
    let found = 0;
    for (const gf of g.flags ?? []) {
      const i = flags.findIndex((f, j) => !used.has(j) && f.category === gf.category && mentions(f, gf.mention));
      if (i >= 0) { used.add(i); found++; }
    }
    const extractionLanded = extract(doc).figures.length + extract(doc).indicators.length > 0;
    if (extractionLanded) expect(found).toBe((g.flags ?? []).length);
    expect(flags.filter((_, j) => !used.has(j)).map((f) => f.message)).toEqual([]);
  });
  it('raises no flag that is not in the gold from the text alone (empty extraction)', () => {
    const flags = checkDocument(doc, emptyExtraction(doc));
    const unmatched = flags.filter((f) => !(g.flags ?? []).some((gf: { category: string; mention: string }) => gf.category === f.category && mentions(f, gf.mention)));
    expect(unmatched.map((f) => f.message)).toEqual([]);
  });
});
