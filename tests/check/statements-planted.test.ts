// The statement and text rules on real layouts: each planted copy of a real wild PDF (fixtures/planted,
// made by scripts/plant: one printed amount, word or year changed) raises a flag of the expected category that
// names the planted text, and the clean originals raise no statement flag at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../../pipeline/ingest/document.ts';
import { FIXTURES } from '../helpers.ts';

interface Planted { file: string; original: string; kind: string; expect: { category: string; mention: string }; note: string }
const PLANTED = join(FIXTURES, 'planted');
const entries: Planted[] = JSON.parse(readFileSync(join(PLANTED, 'PLANTED.json'), 'utf8'));
const flagsOf = async (path: string) => (await processFile(path, new Uint8Array(readFileSync(path)))).flags;
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('planted errors in real documents', () => {
  for (const e of entries) {
    it(`${e.file}: ${e.kind} is flagged (${e.expect.category}, “${e.expect.mention}”)`, async () => {
      const [planted, clean] = await Promise.all([flagsOf(join(PLANTED, e.file)), flagsOf(join(FIXTURES, 'wild', 'docs', e.original))]);
      const before = new Set(clean.map((f) => `${f.rule}|${f.message}`));
      const caught = planted.filter((f) => !before.has(`${f.rule}|${f.message}`) && f.category === e.expect.category
        && squeeze([f.message, ...f.evidence.map((x) => x.text)].join('')).includes(squeeze(e.expect.mention)));
      expect(caught.map((f) => f.rule), e.note).not.toEqual([]);
    });
  }

  it('the clean originals raise no statement flag', async () => {
    const originals = [...new Set(entries.map((e) => e.original))];
    for (const o of originals) {
      const flags = await flagsOf(join(FIXTURES, 'wild', 'docs', o));
      expect(flags.filter((f) => f.rule.startsWith('statement.')).map((f) => f.message), o).toEqual([]);
    }
  });
});
