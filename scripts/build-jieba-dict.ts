// Builds pipeline/lexicon/dict/jieba.dict.jx.gz, the compact form of cppjieba's main dictionary
// (pipeline/lexicon/segmenter/compact.ts), from jieba.dict.utf8: by default nodejieba's copy
// (a devDependency), or --from FILE. Run it again only when the dictionary changes;
// tests/lexicon/jieba-port.test.ts checks that the shipped file is what this builds.
//
//   npx tsx scripts/build-jieba-dict.ts [--from jieba.dict.utf8] [--out FILE]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeMainTable } from '../pipeline/lexicon/segmenter/compact.ts';
import { MAIN_DICT, readDictFile } from '../pipeline/lexicon/segmenter/index.ts';
import { readMainTable } from '../pipeline/lexicon/segmenter/main-dict.ts';

export function nodejiebaDictPath(file: string): string {
  return join(dirname(createRequire(import.meta.url).resolve('nodejieba')), 'submodules/cppjieba/dict', file);
}

/** The compact form of a text dictionary, gzipped with fixed settings so a rebuild is byte-identical. */
export function buildCompactDict(from: string): Uint8Array {
  return gzipSync(encodeMainTable(readMainTable(readDictFile(from))), { level: 9 });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const from = opt('--from') ?? nodejiebaDictPath('jieba.dict.utf8');
  const out = opt('--out') ?? MAIN_DICT;
  const gz = buildCompactDict(from);
  writeFileSync(out, gz);
  console.log(`wrote ${out} (${gz.length} bytes) from ${from}`);
}
