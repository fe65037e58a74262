// A failed check that rests on text read by OCR with low confidence says so: the disagreement may be
// a misread digit of the scan rather than an error of the report. The flag stays (the analyst decides);
// its message names the places and their confidence.
import { isLowConfidence } from '../../schemas/confidence.ts';
import type { Flag } from '../../schemas/records.ts';

const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

export function noteLowConfidence(flags: Flag[]): Flag[] {
  return flags.map((f) => {
    const low = f.evidence.filter((e) => isLowConfidence(e.source));
    if (!low.length) return f;
    const places = low.map((e) => `${e.source.page ? `第${e.source.page}页` : ''}“${clip(e.text)}”（置信度${e.source.confidence!.toFixed(2)}）`);
    return { ...f, message: `${f.message}（${places.join('、')}由OCR识别且置信度低：可能是扫描件数字误读，请核对原件）` };
  });
}
