// Checks a planted copy against its original as pdftotext sees both: every other page identical,
// and on the planted page only lines where `before` became `after`.
import { execFileSync } from 'node:child_process';

const pagesOf = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 1 << 30 }).toString('utf8').split('\f');

/** Problems found; empty when the copy differs from the original exactly by the planted text. */
export function verifyPlanted(original: string, planted: string, page: number, before: string, after: string): string[] {
  const a = pagesOf(original), b = pagesOf(planted);
  const problems: string[] = [];
  if (a.length !== b.length) return [`page count ${a.length} → ${b.length}`];
  a.forEach((text, i) => { if (i !== page - 1 && text !== b[i]) problems.push(`page ${i + 1} changed`); });
  const la = a[page - 1].split('\n'), lb = b[page - 1].split('\n');
  if (la.length !== lb.length) return [...problems, `page ${page}: ${la.length} lines → ${lb.length}`];
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  let planted_ = 0;
  la.forEach((line, i) => {
    if (line === lb[i]) return;
    // Same text apart from the plant: `before` replaced by `after` somewhere in the line (blanks ignored,
    // since a glyph of equal width may still shift pdftotext's column guess by a space).
    const from = squeeze(line), to = squeeze(lb[i]), sb = squeeze(before), sa = squeeze(after);
    if (replacements(from, sb, sa).has(to)) planted_++;
    else problems.push(`page ${page} line ${i + 1}: "${line.trim()}" → "${lb[i].trim()}"`);
  });
  if (!planted_) problems.push(`page ${page}: "${after}" does not show where "${before}" was`);
  return problems;
}

/** The line with any non-empty set of the occurrences of `before` replaced by `after` (a plant may change several cells). */
function replacements(line: string, before: string, after: string): Set<string> {
  const at: number[] = [];
  for (let i = line.indexOf(before); i >= 0 && at.length < 8; i = line.indexOf(before, i + before.length)) at.push(i);
  const out = new Set<string>();
  for (let mask = 1; mask < 1 << at.length; mask++) {
    let s = '', last = 0;
    at.forEach((i, k) => { if (mask & (1 << k)) { s += line.slice(last, i) + after; last = i + before.length; } });
    out.add(s + line.slice(last));
  }
  return out;
}
