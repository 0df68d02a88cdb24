// A small SVG builder for the layout drawings: a y cursor, bars of segments
// sized in permille, boundary labels, legends that wrap. Pure strings; the
// colours come from CSS classes (theme variables), never inline styles.
import { LINE_HEIGHT, attrs, el, esc, placeLabels, wrap } from '../markup';

export interface Drawing {
  readonly markup: string;
  readonly width: number;
  readonly height: number;
}

/** Parts drawn hatched on top of their colour. */
const HATCHED = new Set(['padding', 'rounding', 'overflow']);
const PAD = 2;

export interface BarPart {
  readonly kind: string;
  /** Permille of the bar's width. */
  readonly drawn: number;
  /** Tooltip. */
  readonly title: string;
}

export class Canvas {
  private readonly parts: string[] = [];
  y = 0;

  constructor(
    readonly width: number,
    /** Unique per page: prefixes pattern ids. */
    readonly id: string,
  ) {}

  get inner(): number {
    return this.width - 2 * PAD;
  }

  xAt(permille: number): number {
    return PAD + (this.inner * permille) / 1000;
  }

  gap(px: number): void {
    this.y += px;
  }

  /** Lines of text, wrapped to the width; returns nothing, advances y. */
  text(text: string, cls = 'label', indent = 0): void {
    for (const line of wrap(text, this.inner - indent)) {
      this.y += LINE_HEIGHT;
      this.parts.push(el('text', { x: PAD + indent, y: this.y - 4, class: cls }, esc(line)));
    }
  }

  raw(markup: string): void {
    this.parts.push(markup);
  }

  rect(x: number, y: number, w: number, h: number, cls: string, title?: string, hatched = false): void {
    const box = { x: round(x), y: round(y), width: round(Math.max(0, w)), height: round(h) };
    this.parts.push(`<rect${attrs({ ...box, class: cls })}>${title ? el('title', {}, esc(title)) : ''}</rect>`);
    if (hatched) this.parts.push(`<rect${attrs({ ...box, fill: `url(#${this.id}-hatch)`, class: 'hatch', 'aria-hidden': 'true' })}/>`);
  }

  /** A bar of parts left to right; returns the x of every boundary (start, …, end). */
  bar(parts: readonly BarPart[], height = 28): number[] {
    const top = this.y + 4;
    let at = 0;
    const xs = [this.xAt(0)];
    for (const p of parts) {
      const x0 = this.xAt(at);
      at += p.drawn;
      const x1 = this.xAt(at);
      this.rect(x0, top, x1 - x0, height, `seg seg-${p.kind}`, p.title, HATCHED.has(p.kind));
      xs.push(x1);
    }
    this.rect(this.xAt(0), top, this.inner, height, 'bar-outline');
    this.y = top + height;
    return xs;
  }

  /** Labels at x positions under what was just drawn, in as many rows as they need. */
  labels(items: ReadonlyArray<{ text: string; x: number }>, cls = 'addr'): void {
    const placed = placeLabels(items, this.width);
    const rows = placed.reduce((m, p) => Math.max(m, p.row + 1), 0);
    for (const p of placed) {
      this.parts.push(el('text', { x: round(p.x), y: this.y + LINE_HEIGHT * (p.row + 1) - 3, 'text-anchor': p.anchor, class: cls }, esc(p.text)));
    }
    this.y += rows * LINE_HEIGHT;
  }

  /** A legend entry: a swatch of the part's colour, then wrapped text. */
  legend(kind: string, text: string): void {
    const top = this.y + 4;
    this.rect(PAD, top, 12, 12, `seg seg-${kind}`, undefined, HATCHED.has(kind));
    const before = this.y;
    this.text(text, 'legend', 18);
    this.y = Math.max(this.y, before + LINE_HEIGHT) + 2;
  }

  /** The whole drawing, with a title and description for screen readers. */
  svg(title: string, desc: string): Drawing {
    const height = Math.ceil(this.y + 6);
    const defs =
      `<defs><pattern${attrs({ id: `${this.id}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' })}>` +
      `<line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>`;
    const markup =
      `<svg${attrs({ xmlns: 'http://www.w3.org/2000/svg', class: 'drawing', role: 'img', width: this.width, height, viewBox: `0 0 ${this.width} ${height}`, 'aria-labelledby': `${this.id}-t ${this.id}-d` })}>` +
      el('title', { id: `${this.id}-t` }, esc(title)) +
      el('desc', { id: `${this.id}-d` }, esc(desc)) +
      defs +
      this.parts.join('') +
      '</svg>';
    return { markup, width: this.width, height };
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
