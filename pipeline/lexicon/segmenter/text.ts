// cppjieba's text handling, byte for byte: its lenient UTF-8 decoder (no continuation checks),
// limonp's Split and Trim, and the C library's atoi/atof, so a dictionary file means here
// exactly what it means to cppjieba.

/** Code points of bytes[start, end) as cppjieba's DecodeUTF8RunesInString reads them; null where it fails. */
export function decodeRunes(bytes: Uint8Array, start: number, end: number): number[] | null {
  const runes: number[] = [];
  let i = start;
  while (i < end) {
    const b = bytes[i];
    const left = end - i;
    if (!(b & 0x80)) {
      runes.push(b);
      i += 1;
    } else if (b <= 0xdf && left > 1) {
      runes.push(((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f));
      i += 2;
    } else if (b <= 0xef && left > 2) {
      runes.push(((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f));
      i += 3;
    } else if (b <= 0xf7 && left > 3) {
      runes.push(((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f));
      i += 4;
    } else {
      return null;
    }
  }
  return runes;
}

/** [start, end) of each line, as std::getline splits them: on \n only, no empty last line. */
export function lines(bytes: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push([start, bytes.length]);
  return out;
}

/** limonp::Split on one separator byte: empty fields kept, except after a trailing separator. */
export function split(bytes: Uint8Array, start: number, end: number, sep: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  while (from < end) {
    let at = from;
    while (at < end && bytes[at] !== sep) at++;
    out.push([from, at]);
    if (at === end) break;
    from = at + 1;
  }
  return out;
}

/** C isspace in the "C" locale. */
export function isSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** limonp::Trim: [start, end) without the spaces at both ends. */
export function trim(bytes: Uint8Array, start: number, end: number): [number, number] {
  while (start < end && isSpace(bytes[start])) start++;
  while (end > start && isSpace(bytes[end - 1])) end--;
  return [start, end];
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** The bytes as the string a C++ std::string of them becomes in JavaScript (through N-API's UTF-8). */
export function text(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end));
}

const NUMBER_PREFIX = /^[\t\n\v\f\r ]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const INTEGER_PREFIX = /^[\t\n\v\f\r ]*([+-]?\d+)/;

/** C atof: the longest decimal number at the start (after spaces), else 0. */
export function atof(bytes: Uint8Array, start: number, end: number): number {
  const m = NUMBER_PREFIX.exec(latin1.decode(bytes.subarray(start, end)));
  return m ? Number(m[1]) : 0;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** glibc atoi: (int) strtol, so the integer at the start (after spaces) saturated to a long, then cut to 32 bits; else 0. */
export function atoi(bytes: Uint8Array, start: number, end: number): number {
  const m = INTEGER_PREFIX.exec(latin1.decode(bytes.subarray(start, end)));
  if (!m) return 0;
  let v = BigInt(m[1]);
  if (v < LONG_MIN) v = LONG_MIN;
  if (v > LONG_MAX) v = LONG_MAX;
  return Number(BigInt.asIntN(32, v));
}
