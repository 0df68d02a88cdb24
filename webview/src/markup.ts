// Building HTML and SVG as strings, safely: every text and attribute value
// goes through esc(). No inline styles or handlers (the CSP forbids them).

export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Attributes from an object; undefined/false values are left out. */
export function attrs(a: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v as string | number)}"`))
    .join('');
}

export function el(tag: string, a: Record<string, string | number | boolean | undefined>, inner = ''): string {
  return `<${tag}${attrs(a)}>${inner}</${tag}>`;
}

/** Monospace 12 px text: about 7.2 px a character (the drawings use the editor font). */
export const CHAR_WIDTH = 7.2;
export const LINE_HEIGHT = 16;

export function textWidth(s: string): number {
  return [...s].length * CHAR_WIDTH;
}

/** Wraps text at spaces so each line fits `width` px; a word longer than a line stays whole. */
export function wrap(text: string, width: number): string[] {
  const max = Math.max(8, Math.floor(width / CHAR_WIDTH));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if ([...next].length > max && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface PlacedLabel {
  readonly text: string;
  readonly x: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly row: number;
}

/**
 * Boundary labels under a bar: each at its x (clamped inside the drawing),
 * moved to a lower row when it would overlap a label already in a row.
 */
export function placeLabels(labels: ReadonlyArray<{ text: string; x: number }>, width: number): PlacedLabel[] {
  const rows: Array<Array<[number, number]>> = [];
  return labels.map(({ text, x }) => {
    const w = textWidth(text);
    let anchor: PlacedLabel['anchor'] = 'middle';
    let left = x - w / 2;
    if (left < 0) {
      anchor = 'start';
      left = Math.max(0, x);
      if (left + w > width) left = Math.max(0, width - w);
    } else if (left + w > width) {
      anchor = 'end';
      left = width - w;
    }
    const right = left + w;
    let row = rows.findIndex((spans) => spans.every(([a, b]) => right + 6 < a || left > b + 6));
    if (row < 0) row = rows.push([]) - 1;
    rows[row].push([left, right]);
    const ax = anchor === 'start' ? left : anchor === 'end' ? right : x;
    return { text, x: ax, anchor, row };
  });
}
