// Decodes text bytes: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and GBK/GB18030,
// which Chinese publishing still uses. The choice is made from the bytes, never the name.
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  // UTF-16 without BOM: many NULs in alternate positions
  let evenNul = 0, oddNul = 0;
  const probe = Math.min(bytes.length, 4096);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
  if (oddNul > probe / 8 && evenNul < oddNul / 4) return 'utf-16le';
  if (evenNul > probe / 8 && oddNul < evenNul / 4) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes);
  let text: string;
  if (encoding === 'utf-8') text = new TextDecoder('utf-8').decode(bytes);
  else if (encoding === 'utf-16be') text = iconv.decode(Buffer.from(bytes), 'utf-16be');
  else text = iconv.decode(Buffer.from(bytes), encoding);
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}
