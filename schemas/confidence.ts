// OCR confidence: below this, a value read by OCR is marked for the analyst (exports, review page)
// and a failed check that rests on it says that the digit may be misread. PP-OCRv4 gives 0.95–1.00
// to characters it reads right on a clean scan; a misread digit typically scores under 0.9.
import type { Provenance } from './document.ts';

export const LOW_CONFIDENCE = 0.9;

/** The OCR confidence of a value's source, or null when it was not read by OCR. */
export const ocrConfidence = (s: Pick<Provenance, 'confidence'> | undefined | null): number | null => s?.confidence ?? null;

export const isLowConfidence = (s: Pick<Provenance, 'confidence'> | undefined | null): boolean => (s?.confidence ?? 1) < LOW_CONFIDENCE;
