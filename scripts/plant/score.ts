// Which planted errors an export catches: for each PLANTED.json entry, the flags the planted copy raises
// that its clean original does not (same rule and message), and whether one of them has the expected
// category and names the planted text.
//
//   npx tsx scripts/plant/score.ts EXPORT.json [fixtures/planted/PLANTED.json]
// where EXPORT.json is `jixiao export --format json` of a database holding the planted copies and their originals.
import { readFileSync } from 'node:fs';
import type { PlantedEntry } from './plant.ts';

interface ExportedFlag { category: string; rule: string; message: string; evidence?: ({ text?: string } | string)[] }
interface ExportedDocument { file: string; flags?: ExportedFlag[] }

const squeeze = (s: string) => s.replace(/\s+/g, '');
const flagText = (f: ExportedFlag) => squeeze([f.message, ...(f.evidence ?? []).map((e) => (typeof e === 'string' ? e : e.text ?? ''))].join('\n'));
const flagKey = (f: ExportedFlag) => `${f.rule}\n${f.message}`;

export interface PlantScore {
  entry: PlantedEntry;
  caught: ExportedFlag[];
  /** a catching rule also flags the clean original: the catch may be the rule's false alarm, not the plant */
  ruleFiresOnOriginal: boolean;
  otherNew: ExportedFlag[];
  missing?: string;
}

export function scorePlants(entries: PlantedEntry[], documents: ExportedDocument[]): PlantScore[] {
  const byFile = new Map(documents.map((d) => [d.file, d]));
  return entries.map((entry) => {
    const planted = byFile.get(entry.file), original = byFile.get(entry.original);
    if (!planted || !original) return { entry, caught: [], ruleFiresOnOriginal: false, otherNew: [], missing: !planted ? entry.file : entry.original };
    const before = new Set((original.flags ?? []).map(flagKey));
    const fresh = (planted.flags ?? []).filter((f) => !before.has(flagKey(f)));
    const hits = (f: ExportedFlag) => f.category === entry.expect.category && flagText(f).includes(squeeze(entry.expect.mention));
    const caught = fresh.filter(hits);
    const originalRules = new Set((original.flags ?? []).map((f) => f.rule));
    return { entry, caught, ruleFiresOnOriginal: caught.some((f) => originalRules.has(f.rule)), otherNew: fresh.filter((f) => !hits(f)) };
  });
}

const isMain = process.argv[1]?.endsWith('score.ts');
if (isMain) {
  const [exportPath, manifest = 'fixtures/planted/PLANTED.json'] = process.argv.slice(2);
  if (!exportPath) { console.error('usage: score.ts EXPORT.json [PLANTED.json]'); process.exit(2); }
  const raw = readFileSync(exportPath, 'utf8');
  const parsed = raw.trimStart().startsWith('{"documents"') || raw.trimStart().startsWith('{\n') ? JSON.parse(raw) : null;
  const documents: ExportedDocument[] = parsed?.documents ?? raw.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const scores = scorePlants(JSON.parse(readFileSync(manifest, 'utf8')) as PlantedEntry[], documents);
  for (const s of scores) {
    const status = s.missing ? `MISSING ${s.missing}` : !s.caught.length ? 'missed' : s.ruleFiresOnOriginal ? 'caught?' : 'caught';
    console.log(`${status.padEnd(8)} ${s.entry.file} (${s.entry.kind}, ${s.entry.expect.category}, "${s.entry.expect.mention}")`);
    for (const f of s.caught) console.log(`   + ${f.rule}: ${f.message.slice(0, 160)}`);
    for (const f of s.otherNew) console.log(`   ~ ${f.category} ${f.rule}: ${f.message.slice(0, 160)}`);
  }
  const clean = scores.filter((s) => s.caught.length && !s.ruleFiresOnOriginal).length;
  console.log(`${clean}/${scores.length} planted errors caught by a rule silent on the original; ${scores.filter((s) => s.caught.length).length} caught in all ("caught?": the rule also flags the original)`);
}
