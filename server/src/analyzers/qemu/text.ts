// Text decoded from a document (a shell word after quote removal, an XML
// attribute after entity expansion) that remembers where every character came
// from, so a diagnostic on `highmem-mmio-size=768G` underlines exactly those
// characters even inside quotes. A value we cannot know (a shell variable set
// outside the script, a command substitution) is one UNKNOWN character whose
// span is the whole expansion.
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const UNKNOWN = '\uffff';

/** Document offsets [start, end) of one decoded character. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export class MappedText {
  constructor(
    readonly doc: TextDocument,
    readonly text: string,
    /** Per character of `text`: document offsets [starts[i], ends[i]). Typed arrays: slices share them. */
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    /** Per character: 1 when it is the document's own character at its span (editable in place). */
    private readonly literal: Uint8Array,
    /** Where an empty text sits (for insertions and zero-width ranges). */
    private readonly anchor = 0,
  ) {}

  static concat(doc: TextDocument, parts: readonly MappedText[], anchor: number): MappedText {
    const b = new MappedTextBuilder(doc);
    for (const p of parts) b.append(p);
    return b.build(parts.length ? parts[0].startOffset : anchor);
  }

  get length(): number {
    return this.text.length;
  }

  /** True when no character is unknown. */
  get known(): boolean {
    return !this.text.includes(UNKNOWN);
  }

  get startOffset(): number {
    return this.text.length ? this.starts[0] : this.anchor;
  }

  get endOffset(): number {
    return this.text.length ? this.ends[this.text.length - 1] : this.anchor;
  }

  /** The span of character i. */
  spanAt(i: number): Span {
    return { start: this.starts[i], end: this.ends[i] };
  }

  isLiteral(i: number): boolean {
    return this.literal[i] === 1;
  }

  slice(a: number, b = this.text.length): MappedText {
    const end = Math.min(b, this.text.length);
    const at = a < this.text.length ? this.starts[a] : this.endOffset;
    return new MappedText(this.doc, this.text.slice(a, end), this.starts.subarray(a, end), this.ends.subarray(a, end), this.literal.subarray(a, end), at);
  }

  /** Document offsets covering characters [a, b); empty ranges sit where character a would be. */
  span(a = 0, b = this.text.length): Span {
    if (b <= a) {
      const at = a < this.text.length ? this.starts[a] : this.endOffset;
      return { start: at, end: at };
    }
    return { start: this.starts[a], end: this.ends[b - 1] };
  }

  range(a = 0, b = this.text.length): Range {
    const s = this.span(a, b);
    return { start: this.doc.positionAt(s.start), end: this.doc.positionAt(s.end) };
  }

  /**
   * The document range of characters [a, b) if they are the document's own
   * characters, in order and contiguous — the only case where replacing that
   * range by new text edits exactly this value.
   */
  editableRange(a = 0, b = this.text.length): Range | undefined {
    for (let i = a; i < b; i++) {
      if (this.literal[i] !== 1) return undefined;
      if (i > a && this.starts[i] !== this.ends[i - 1]) return undefined;
    }
    return this.range(a, b);
  }

  /** A zero-width range right after the last character (to append text). */
  endRange(): Range {
    const p = this.doc.positionAt(this.endOffset);
    return { start: p, end: p };
  }
}

/** Builds a MappedText character by character. */
export class MappedTextBuilder {
  private text = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly literal: number[] = [];

  constructor(private readonly doc: TextDocument) {}

  /** Source characters copied as they are. */
  literalRun(source: string, offset: number): void {
    for (let i = 0; i < source.length; i++) this.push(source[i], offset + i, offset + i + 1, true);
  }

  /** `ch` may be a whole code point (an emoji is two UTF-16 units): each unit gets the span. */
  push(ch: string, start: number, end: number, literal: boolean): void {
    for (let k = 0; k < ch.length; k++) {
      this.text += ch[k];
      this.starts.push(start);
      this.ends.push(end);
      this.literal.push(literal && ch.length === 1 ? 1 : 0);
    }
  }

  append(t: MappedText): void {
    for (let i = 0; i < t.length; i++) {
      const s = t.spanAt(i);
      this.push(t.text[i], s.start, s.end, t.isLiteral(i));
    }
  }

  unknown(start: number, end: number): void {
    this.push(UNKNOWN, start, end, false);
  }

  build(anchor: number): MappedText {
    return new MappedText(this.doc, this.text, Int32Array.from(this.starts), Int32Array.from(this.ends), Uint8Array.from(this.literal), anchor);
  }
}
