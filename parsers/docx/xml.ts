// Small DOM helpers for WordprocessingML read with @xmldom/xmldom.
import { DOMParser } from '@xmldom/xmldom';

/** Transitional and Strict WordprocessingML namespaces. */
const W_NS = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

// xmldom's node types are structurally what we need; keep our own minimal view of them
export interface XNode {
  nodeType: number;
  localName?: string | null;
  namespaceURI?: string | null;
  nodeValue?: string | null;
  childNodes: ArrayLike<XNode>;
  getAttributeNS?(ns: string | null, name: string): string | null;
  getAttribute?(name: string): string | null;
  attributes?: ArrayLike<{ localName: string; namespaceURI: string | null; value: string }>;
}

export function parseXml(text: string, what: string): XNode {
  let firstError = '';
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level === 'fatalError' || level === 'error') { if (!firstError) firstError = msg; }
    },
  }).parseFromString(text, 'text/xml');
  const root = doc.documentElement as unknown as XNode | null;
  if (!root) throw new Error(`${what} is not well-formed XML${firstError ? `: ${firstError}` : ''}`);
  return root;
}

export const isW = (n: XNode, name?: string): boolean =>
  n.nodeType === 1 && !!n.namespaceURI && W_NS.has(n.namespaceURI) && (name === undefined || n.localName === name);

export function* elements(n: XNode): Generator<XNode> {
  const kids = n.childNodes;
  for (let i = 0; i < kids.length; i++) if (kids[i].nodeType === 1) yield kids[i];
}

export function child(n: XNode | undefined, name: string): XNode | undefined {
  if (!n) return undefined;
  for (const c of elements(n)) if (isW(c, name)) return c;
  return undefined;
}

export function children(n: XNode | undefined, name: string): XNode[] {
  const out: XNode[] = [];
  if (!n) return out;
  for (const c of elements(n)) if (isW(c, name)) out.push(c);
  return out;
}

/** A w:-namespaced attribute (w:val etc.), tolerant of either namespace or a bare name. */
export function attr(n: XNode | undefined, name: string): string | undefined {
  if (!n || !n.attributes) return undefined;
  const attrs = n.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (a.localName === name && (a.namespaceURI === null || W_NS.has(a.namespaceURI))) return a.value;
  }
  return undefined;
}

export const val = (n: XNode | undefined): string | undefined => attr(n, 'val');

/** OOXML on/off properties: present without w:val, or w:val true/1/on. */
export function onOff(n: XNode | undefined): boolean | undefined {
  if (!n) return undefined;
  const v = val(n);
  return v === undefined || v === 'true' || v === '1' || v === 'on';
}

export function intVal(n: XNode | undefined): number | undefined {
  const v = val(n);
  if (v === undefined) return undefined;
  const x = Number.parseInt(v, 10);
  return Number.isFinite(x) ? x : undefined;
}
