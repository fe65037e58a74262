// Validation stage: every record passes its zod schema before it reaches storage.
// A record that fails is dropped with a message naming the document, the record and the reason;
// it never stops the rest of the document or the batch.
import type { z } from 'zod';
import type { Message } from '../../schemas/document.ts';
import { DocumentMeta, type Extraction, Figure, Indicator, Project, Score } from '../../schemas/records.ts';
import { LineItem, Statement } from '../../schemas/statements.ts';

export interface Validated { extraction: Extraction; messages: Message[] }

function keepValid<S extends z.ZodType>(schema: S, items: unknown[], what: string, file: string, messages: Message[]): Array<z.infer<S>> {
  const out: Array<z.infer<S>> = [];
  items.forEach((item, i) => {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
    else {
      const reason = r.error.issues.map((is) => `${is.path.join('.') || '(record)'}: ${is.message}`).join('; ');
      const raw = (item as { raw?: string })?.raw;
      messages.push({ level: 'warning', rule: `validate/${what}`, text: `${file}: ${what} #${i + 1} dropped (${reason})${raw ? ` — ${raw.slice(0, 80)}` : ''}` });
    }
  });
  return out;
}

export function validateExtraction(file: string, extraction: Extraction): Validated {
  const messages: Message[] = [];
  const meta = DocumentMeta.safeParse(extraction.meta);
  if (!meta.success) {
    messages.push({ level: 'warning', rule: 'validate/meta', text: `${file}: document metadata invalid (${meta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); stored without it` });
  }
  // each record has passed its own schema; the whole is not parsed again (that doubled the cost)
  const valid: Extraction = {
    meta: meta.success ? meta.data : { unit: null, region: null, year: null, reportType: 'other' as const, title: null, scope: null, consolidates: [] },
    figures: keepValid(Figure, extraction.figures, 'figure', file, messages),
    indicators: keepValid(Indicator, extraction.indicators, 'indicator', file, messages),
    scores: keepValid(Score, extraction.scores, 'score', file, messages),
    projects: keepValid(Project, extraction.projects, 'project', file, messages),
    statements: keepValid(Statement, extraction.statements, 'statement', file, messages),
    lineItems: keepValid(LineItem, extraction.lineItems, 'line item', file, messages),
  };
  return { extraction: valid, messages };
}
