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
    /** One span per character of `text`. */
    readonly spans: readonly Span[],
    /** Whether the character is the document's own character at its span (editable in place). */
    readonly literal: readonly boolean[],
    /** Where an empty text sits (for insertions and zero-width ranges). */
    private readonly anchor = 0,
  ) {}

  static concat(doc: TextDocument, parts: readonly MappedText[], anchor: number): MappedText {
    return new MappedText(
      doc,
      parts.map((p) => p.text).join(''),
      parts.flatMap((p) => p.spans),
      parts.flatMap((p) => p.literal),
      parts.length ? parts[0].startOffset : anchor,
    );
  }

  get length(): number {
    return this.text.length;
  }

  /** True when no character is unknown. */
  get known(): boolean {
    return !this.text.includes(UNKNOWN);
  }

  get startOffset(): number {
    return this.spans.length ? this.spans[0].start : this.anchor;
  }

  get endOffset(): number {
    return this.spans.length ? this.spans[this.spans.length - 1].end : this.anchor;
  }

  slice(a: number, b = this.text.length): MappedText {
    const at = a < this.spans.length ? this.spans[a].start : this.endOffset;
    return new MappedText(this.doc, this.text.slice(a, b), this.spans.slice(a, b), this.literal.slice(a, b), at);
  }

  /** Document offsets covering characters [a, b); empty ranges sit where character a would be. */
  span(a = 0, b = this.text.length): Span {
    if (b <= a) {
      const at = a < this.spans.length ? this.spans[a].start : this.endOffset;
      return { start: at, end: at };
    }
    return { start: this.spans[a].start, end: this.spans[b - 1].end };
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
      if (!this.literal[i]) return undefined;
      if (i > a && this.spans[i].start !== this.spans[i - 1].end) return undefined;
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
  private readonly spans: Span[] = [];
  private readonly literal: boolean[] = [];

  constructor(private readonly doc: TextDocument) {}

  /** Source characters copied as they are. */
  literalRun(source: string, offset: number): void {
    for (let i = 0; i < source.length; i++) this.push(source[i], offset + i, offset + i + 1, true);
  }

  push(ch: string, start: number, end: number, literal: boolean): void {
    this.text += ch;
    this.spans.push({ start, end });
    this.literal.push(literal);
  }

  append(t: MappedText): void {
    for (let i = 0; i < t.length; i++) this.push(t.text[i], t.spans[i].start, t.spans[i].end, t.literal[i]);
  }

  unknown(start: number, end: number): void {
    this.push(UNKNOWN, start, end, false);
  }

  get length(): number {
    return this.text.length;
  }

  build(anchor: number): MappedText {
    return new MappedText(this.doc, this.text, this.spans, this.literal, anchor);
  }
}
