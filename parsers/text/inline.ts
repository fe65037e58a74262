// Cleans inline markup that text extracted by OCR or from markdown carries:
// LaTeX fragments ($\times 100\%$, \leq, \frac{a}{b}), **bold**, list markers.

const LATEX_SYMBOLS: Array<[RegExp, string]> = [
  [/\\times/g, '×'], [/\\div/g, '÷'], [/\\leq?(?![a-z])/g, '≤'], [/\\geq?(?![a-z])/g, '≥'],
  [/\\%/g, '%'], [/\\cdot/g, '·'], [/\\pm/g, '±'], [/\\neq/g, '≠'], [/\\approx/g, '≈'],
  [/\\left|\\right/g, ''], [/\\[,;:! ]/g, ''], [/\\quad|\\qquad/g, ' '],
];

function unwrapLatex(s: string): string {
  let out = s;
  // \text{…}, \mathrm{…} → their content
  for (let i = 0; i < 5; i++) out = out.replace(/\\(?:text|mathrm|textbf|mathbf|rm)\s*\{([^{}]*)\}/g, '$1');
  // \frac{a}{b} → a / b, with parentheses where the parts are compound
  for (let i = 0; i < 5; i++) {
    out = out.replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (_m, a: string, b: string) => {
      const wrap = (x: string) => (/[+\-−]/.test(x.trim()) ? `(${x.trim()})` : x.trim());
      return `${wrap(a)} / ${wrap(b)}`;
    });
  }
  for (const [re, to] of LATEX_SYMBOLS) out = out.replace(re, to);
  return out.replace(/[{}]/g, '');
}

/** Replaces $…$ math spans by plain text and drops markdown emphasis. */
export function cleanInline(line: string): string {
  let s = line.replace(/\$\$?([^$]*)\$\$?/g, (_m, body: string) => unwrapLatex(body).trim());
  if (s.includes('\\')) s = unwrapLatex(s);
  return s.replace(/\*\*(.*?)\*\*/g, '$1').replace(/\*\*/g, '');
}

/** Strips a markdown bullet ("- ", "* ", "+ ") that precedes a line's own numbering. */
export function stripBullet(line: string): string {
  return line.replace(/^[-*+•·]\s+/, '');
}
