// The recogniser behind a small interface: a greyscale page image in, text boxes out. The rest of
// parsers/ocr knows nothing of the engine (paddle.ts), so another one can take its place.
import type { GreyImage } from './image.ts';

/** One line of text the recogniser read, in image pixels (axis-aligned: pages are straightened first). */
export interface TextBox {
  text: string;
  x0: number; y0: number; x1: number; y1: number;
  /** Mean confidence of its characters, 0–1. */
  confidence: number;
  /** Per character (code point): its confidence and where it was read (pixel x of its centre). */
  chars: Array<{ ch: string; confidence: number; x: number }>;
}

export interface Recogniser {
  /** A short name for messages and benchmarks, e.g. "PP-OCRv4 (onnxruntime)". */
  readonly name: string;
  /** Reads a page; stops early (with what it has) once `signal` aborts: the caller's time limit. */
  read(image: GreyImage, signal?: AbortSignal): Promise<TextBox[]>;
}
