// Stable identities for extracted records and flags, independent of row ids: the same file imported
// again (or into another database, or after the checks ran again) gives the same keys.
import { createHash } from 'node:crypto';
import type { RecordKind } from './fields.ts';

/** Comparison form of a text: NFKC, no white space, no table-cell separators. */
export function compact(s: string | null | undefined): string {
  return (s ?? '').normalize('NFKC').replace(/[\s\u3000|]+/g, '');
}

type Row = Record<string, any>;

/** figure: key|phase|year|value — the extracted value is part of the identity (duplicates with it collapse to one). */
export function figureKey(r: Row): string {
  return `${r.key}|${r.phase}|${r.year ?? ''}|${r.value_yuan}`;
}

function base(kind: Exclude<RecordKind, 'figure'>, r: Row): string {
  if (kind === 'indicator') return `${compact(r.project)}|${compact(r.level3)}`;
  if (kind === 'score') return `${r.scope}|${r.kind}|${compact(r.name)}`;
  return `${compact(r.code)}|${compact(r.name)}`;
}

/**
 * Keys of one document's records of a kind, in their stored order (indicators by ord, the others by id):
 * the identity plus its occurrence among records of the same identity, "…|0", "…|1".
 */
export function recordKeys(kind: RecordKind, rows: Row[]): string[] {
  if (kind === 'figure') return rows.map(figureKey);
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const b = base(kind, r);
    const n = seen.get(b) ?? 0;
    seen.set(b, n + 1);
    return `${b}|${n}`;
  });
}

/** flag: its rule, then a hash of the rule, the stated value and the evidence texts (not the wording of the message). */
export function flagKey(f: { rule: string; stated: number | null; evidence: Array<{ text: string }> | string }): string {
  const evidence = typeof f.evidence === 'string' ? (JSON.parse(f.evidence) as Array<{ text: string }>) : f.evidence;
  const h = createHash('sha1').update([f.rule, f.stated ?? '', ...evidence.map((e) => compact(e.text)).sort()].join('\u0001')).digest('hex').slice(0, 16);
  return `${f.rule}|${h}`;
}
