/** Escapes text for HTML content and quoted attribute values: every report text goes through here. */
export function esc(v: unknown): string {
  if (v == null) return '';
  return String(v).replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}
