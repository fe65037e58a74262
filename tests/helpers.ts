// Shared test helpers: paths of bundled fixtures and a pipeline run on a fixture.
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseText } from '../parsers/text/index.ts';
import { segment } from '../pipeline/segment/index.ts';
import { parseFile } from '../parsers/index.ts';
import type { SegmentedDocument } from '../schemas/sections.ts';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
export const CORPUS = join(FIXTURES, 'corpus');
export const GOLD = join(FIXTURES, 'gold');
export const REAL = join(FIXTURES, 'real');

export const STEMS = readdirSync(join(CORPUS, 'txt')).map((f) => f.replace(/\.txt$/, '')).sort();

export const corpusFile = (format: string, stem: string) => join(CORPUS, format, `${stem}.${format}`);

export function gold(stem: string): any {
  return JSON.parse(readFileSync(join(GOLD, `${stem}.json`), 'utf8'));
}

export function segmentedText(stem: string) {
  const path = corpusFile('txt', stem);
  return segment(parseText(path, readFileSync(path)));
}

const segmentedFiles = new Map<string, Promise<SegmentedDocument>>();
/** A fixture file through the real parser and segmenter, once per test file (a real PDF takes a second or two). */
export function segmentedFile(path: string): Promise<SegmentedDocument> {
  if (!segmentedFiles.has(path)) segmentedFiles.set(path, parseFile(path, new Uint8Array(readFileSync(path))).then(segment));
  return segmentedFiles.get(path)!;
}

export function tempDir(prefix = 'jixiao-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
