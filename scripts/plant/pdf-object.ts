// A minimal reader of PDF object syntax (dictionaries, arrays, names, numbers, strings, references),
// enough to walk the page tree and font resources of a file that qpdf has written in QDF form.
// The file is handled as a latin1 string so one character is one byte.

export type PdfValue =
  | { t: 'dict'; v: Map<string, PdfValue> }
  | { t: 'array'; v: PdfValue[] }
  | { t: 'name'; v: string }
  | { t: 'num'; v: number }
  | { t: 'ref'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'null' };

const WHITESPACE = '\0\t\n\f\r ';
const DELIMITERS = '()<>[]{}/%';
export const isWhite = (c: string) => WHITESPACE.includes(c);
export const isDelimiter = (c: string) => DELIMITERS.includes(c);
export const isRegular = (c: string) => !isWhite(c) && !isDelimiter(c);

export function skipWhite(s: string, pos: number): number {
  while (pos < s.length) {
    if (isWhite(s[pos])) pos++;
    else if (s[pos] === '%') { while (pos < s.length && s[pos] !== '\n' && s[pos] !== '\r') pos++; }
    else break;
  }
  return pos;
}

/** Reads a literal string starting at its "(", returning its bytes and the position after ")". */
export function readLiteralString(s: string, pos: number): { bytes: string; end: number } {
  let depth = 0;
  let out = '';
  let i = pos;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const n = s[++i];
      if (n === 'n') out += '\n';
      else if (n === 'r') out += '\r';
      else if (n === 't') out += '\t';
      else if (n === 'b') out += '\b';
      else if (n === 'f') out += '\f';
      else if (n === '\r') { if (s[i + 1] === '\n') i++; }
      else if (n === '\n') { /* line continuation */ }
      else if (n >= '0' && n <= '7') {
        let oct = n;
        while (oct.length < 3 && s[i + 1] >= '0' && s[i + 1] <= '7') oct += s[++i];
        out += String.fromCharCode(parseInt(oct, 8) & 0xff);
      } else out += n;
      continue;
    }
    if (c === '(') { depth++; if (depth === 1) continue; }
    if (c === ')') { depth--; if (depth === 0) return { bytes: out, end: i + 1 }; }
    out += c;
  }
  throw new Error(`unterminated string at ${pos}`);
}

/** Reads a hex string starting at its "<". */
export function readHexString(s: string, pos: number): { bytes: string; end: number } {
  const close = s.indexOf('>', pos);
  if (close < 0) throw new Error(`unterminated hex string at ${pos}`);
  let hex = s.slice(pos + 1, close).replace(/[\0\t\n\f\r ]/g, '');
  if (hex.length % 2) hex += '0';
  let out = '';
  for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return { bytes: out, end: close + 1 };
}

export function parseValue(s: string, pos: number): { value: PdfValue; end: number } {
  pos = skipWhite(s, pos);
  const c = s[pos];
  if (c === '<' && s[pos + 1] === '<') {
    const v = new Map<string, PdfValue>();
    pos += 2;
    for (;;) {
      pos = skipWhite(s, pos);
      if (s[pos] === '>' && s[pos + 1] === '>') return { value: { t: 'dict', v }, end: pos + 2 };
      const key = parseValue(s, pos);
      if (key.value.t !== 'name') throw new Error(`dictionary key expected at ${pos}`);
      const val = parseValue(s, key.end);
      v.set(key.value.v, val.value);
      pos = val.end;
    }
  }
  if (c === '[') {
    const v: PdfValue[] = [];
    pos++;
    for (;;) {
      pos = skipWhite(s, pos);
      if (s[pos] === ']') return { value: { t: 'array', v }, end: pos + 1 };
      const item = parseValue(s, pos);
      v.push(item.value);
      pos = item.end;
    }
  }
  if (c === '(') { const r = readLiteralString(s, pos); return { value: { t: 'str', v: r.bytes }, end: r.end }; }
  if (c === '<') { const r = readHexString(s, pos); return { value: { t: 'str', v: r.bytes }, end: r.end }; }
  if (c === '/') {
    let end = pos + 1;
    while (end < s.length && isRegular(s[end])) end++;
    const name = s.slice(pos + 1, end).replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return { value: { t: 'name', v: name }, end };
  }
  let end = pos;
  while (end < s.length && isRegular(s[end])) end++;
  const word = s.slice(pos, end);
  if (word === 'true' || word === 'false') return { value: { t: 'bool', v: word === 'true' }, end };
  if (word === 'null') return { value: { t: 'null' }, end };
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
    // "12 0 R" is a reference: look ahead for a generation number and R.
    const ref = /^\s+(\d+)\s+R(?![^\0\t\n\f\r ()<>[\]{}/%])/.exec(s.slice(end, end + 32));
    if (/^\d+$/.test(word) && ref) return { value: { t: 'ref', v: Number(word) }, end: end + ref[0].length };
    return { value: { t: 'num', v: Number(word) }, end };
  }
  throw new Error(`unexpected token "${word || c}" at ${pos}`);
}
