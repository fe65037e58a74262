// The reviewed dataset one document at a time, for the streaming exports: the same documents, records,
// corrections, flags and flag links as loadDataset (dataset.ts) gives, without holding more than one
// document's records (and its line items only in batches).
//
// What needs the whole set is kept as small per-set state: the document rows, the analyst's decisions
// indexed by key (ReviewState), and the flags whose evidence reaches records of another document
// ("cross" flags: evidence naming another file, or a file name two documents share). A plan is made once
// (planExport): a pass over every document's flags finds the cross flags, and a pass over the documents
// they point into works out their links. Each walk then links a document's records exactly as linkFlags
// would over the whole set: its own flags plus the cross flags aimed at its file, in document order.
import type { Evidence } from '../../schemas/records.ts';
import type { Db } from '../store/types.ts';
import { listDocuments, storedLineItemOf, type DocumentFilter, type DocumentRow, type StoredLineItem } from '../store/read.ts';
import type { RecordKind } from '../review/fields.ts';
import {
  linkFlags, loadReviewState, loadReviewedDocument, orphansOf, overlaps, textAgrees,
  type Dataset, type ReviewState, type ReviewedDocument, type ReviewedFlag,
} from './dataset.ts';

type Link = { kind: RecordKind; id: number };

/** A flag whose evidence reaches records outside its own document, with the links it has over the whole set. */
interface CrossFlag { id: number; docIndex: number; evidence: Evidence[]; links: Link[] }

export interface ExportPlan {
  docs: DocumentRow[];
  state: ReviewState;
  /** Cross flags by the file their evidence names (a flag appears under each file it names), in set order. */
  crossByFile: Map<string, CrossFlag[]>;
  /** Links of every cross flag, by flag id. */
  crossLinks: Map<number, Link[]>;
}

const target = (ev: Evidence, doc: DocumentRow) => ev.file || doc.file;

export async function planExport(db: Db, filter: DocumentFilter = {}): Promise<ExportPlan> {
  const docs = await listDocuments(db, filter);
  const state = await loadReviewState(db);
  const docsOfFile = new Map<string, number[]>();
  docs.forEach((d, i) => docsOfFile.set(d.file, [...(docsOfFile.get(d.file) ?? []), i]));

  // pass 1: the flags that can link outside their document (only id and evidence are read)
  const cross: CrossFlag[] = [];
  for (const [i, doc] of docs.entries()) {
    const rows = await db.all<{ id: number; evidence: string }>('SELECT id, evidence FROM flags WHERE document_id = ? ORDER BY scope, id', [doc.id]);
    for (const f of rows) {
      const evidence = JSON.parse(f.evidence) as Evidence[];
      if (evidence.some((ev) => (docsOfFile.get(target(ev, doc)) ?? []).some((k) => k !== i))) cross.push({ id: f.id, docIndex: i, evidence, links: [] });
    }
  }

  // pass 2: the records each cross flag's evidence quotes, in the documents it names
  const matches = new Map<string, Link[]>(); // flag id, evidence index, document index → links
  const targets = new Set(cross.flatMap((f) => f.evidence.flatMap((ev) => docsOfFile.get(target(ev, docs[f.docIndex])) ?? [])));
  for (const k of [...targets].sort((a, b) => a - b)) {
    const d = await loadReviewedDocument(db, docs[k], state, { lineItems: false });
    const records = [...d.figures, ...d.indicators, ...d.scores, ...d.projects];
    for (const f of cross) {
      f.evidence.forEach((ev, e) => {
        if (target(ev, docs[f.docIndex]) !== docs[k].file) return;
        const hit = records.filter((r) => overlaps(ev.source ?? { file: ev.file }, r.source) && textAgrees(ev.text, r));
        matches.set(`${f.id}:${e}:${k}`, hit.map((r) => ({ kind: r.kind, id: r.id })));
      });
    }
  }
  const crossByFile = new Map<string, CrossFlag[]>();
  const crossLinks = new Map<number, Link[]>();
  for (const f of cross) {
    const seen = new Set<string>();
    f.evidence.forEach((ev, e) => {
      for (const k of docsOfFile.get(target(ev, docs[f.docIndex])) ?? []) {
        for (const l of matches.get(`${f.id}:${e}:${k}`) ?? []) {
          if (seen.has(`${l.kind}:${l.id}`)) continue;
          seen.add(`${l.kind}:${l.id}`);
          f.links.push(l);
        }
      }
    });
    crossLinks.set(f.id, f.links);
    for (const file of new Set(f.evidence.map((ev) => target(ev, docs[f.docIndex])))) crossByFile.set(file, [...(crossByFile.get(file) ?? []), f]);
  }
  return { docs, state, crossByFile, crossLinks };
}

/**
 * The documents of the plan one by one, reviewed and linked. Line items are left out unless asked for;
 * lineItemBatches reads them.
 */
export async function* walkDocuments(db: Db, plan: ExportPlan, options: { lineItems?: boolean } = {}): AsyncGenerator<ReviewedDocument> {
  const { docs, state, crossByFile, crossLinks } = plan;
  for (const [i, doc] of docs.entries()) {
    const d = await loadReviewedDocument(db, doc, state, { lineItems: options.lineItems ?? false });
    // the other documents' cross flags aimed at this file, as documents without records, so linkFlags
    // pushes flag ids onto this document's records in the order it does over the whole set
    const others = new Map<number, ReviewedFlag[]>();
    for (const f of crossByFile.get(doc.file) ?? []) {
      if (f.docIndex === i) continue;
      others.set(f.docIndex, [...(others.get(f.docIndex) ?? []), { id: f.id, evidence: f.evidence, links: [] } as unknown as ReviewedFlag]);
    }
    const set: ReviewedDocument[] = [...others.keys(), i].sort((a, b) => a - b).map((k) => k === i ? d
      : { row: docs[k], figures: [], indicators: [], scores: [], projects: [], flags: others.get(k)!, statements: [], lineItems: [] });
    linkFlags(set);
    for (const f of d.flags) {
      const links = crossLinks.get(f.id);
      if (links) f.links = links.map((l) => ({ ...l }));
    }
    yield d;
  }
}

/** A document's line items in id order, `size` at a time (keyset paging: each batch one indexed query). */
export async function* lineItemBatches(db: Db, documentId: number, size = 2000): AsyncGenerator<StoredLineItem[]> {
  let after = -1;
  for (;;) {
    const rows = await db.all('SELECT * FROM line_items WHERE document_id = ? AND id > ? ORDER BY id LIMIT ?', [documentId, after, size]);
    if (!rows.length) return;
    yield rows.map(storedLineItemOf);
    if (rows.length < size) return;
    after = rows[rows.length - 1].id;
  }
}

/** Decisions in the set that match nothing; complete once a walk has been through every document. */
export const planOrphans = (plan: ExportPlan): Dataset['orphans'] => orphansOf(new Set(plan.docs.map((d) => d.sha256)), plan.state);
