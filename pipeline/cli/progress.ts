// Progress of an import: a redrawn bar on a terminal, plain lines otherwise, nothing but failures with --quiet.
import type { FileOutcome } from '../ingest/index.ts';

export interface ProgressOptions { quiet: boolean; tty: boolean; out: NodeJS.WriteStream; err: NodeJS.WriteStream }

export function describeOutcome(o: FileOutcome): string {
  if (o.status === 'imported') {
    const c = o.counts;
    return `imported ${o.path} (${c.figures} figures, ${c.indicators} indicators, ${c.scores} scores, ${c.projects} projects, ${c.flags ?? 0} flags${o.warnings ? `, ${o.warnings} warnings` : ''}${o.ocrPages ? `, ${o.ocrPages} pages OCR'd` : ''})`;
  }
  if (o.status === 'skipped') return `skipped  ${o.path} (already imported)`;
  if (o.status === 'ignored') return `left out ${o.path}: ${o.reason}`;
  return `FAILED   ${o.path}: ${o.reason}`;
}

const clock = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(r).padStart(2, '0')}s`;
};

export class Progress {
  private started = Date.now();
  private total = 0;
  private failures = 0;
  /** Pages read by OCR so far (scans are slow: the bar says how many). */
  private ocrPages = 0;
  private drawn = false;

  constructor(private readonly o: ProgressOptions) {}

  start(total: number): void {
    this.total = total;
    this.started = Date.now();
  }

  file(outcome: FileOutcome, done: number): void {
    if (outcome.status === 'failed') this.failures++;
    if (outcome.status === 'imported') this.ocrPages += outcome.ocrPages ?? 0;
    const line = `[${done}/${this.total}] ${describeOutcome(outcome)}`;
    if (this.o.tty) {
      if (outcome.status === 'failed' || outcome.status === 'ignored') { this.clear(); this.o.err.write(line + '\n'); }
      if (!this.o.quiet) this.bar(done);
    } else if (outcome.status === 'failed' || outcome.status === 'ignored') this.o.err.write(line + '\n');
    else if (!this.o.quiet) this.o.out.write(line + '\n');
  }

  private bar(done: number): void {
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = done / Math.max(elapsed, 1e-3);
    const left = (this.total - done) / rate;
    const width = 28;
    const filled = Math.round((done / Math.max(1, this.total)) * width);
    const text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${this.total} ${(100 * done / Math.max(1, this.total)).toFixed(0)}%  ${rate.toFixed(1)} files/s  left ${clock(left)}  failed ${this.failures}${this.ocrPages ? `  OCR'd ${this.ocrPages} pages` : ''}`;
    this.o.err.write(`\r${text}\x1b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) { this.o.err.write('\r\x1b[K'); this.drawn = false; }
  }
}
