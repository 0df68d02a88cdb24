// A small element tree of an XML document, read with saxes (a conforming,
// non-validating parser), where every element, attribute value and text
// knows its place in the document. Attribute values are decoded (entities)
// and mapped character by character.
import { SaxesParser } from 'saxes';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MappedText, MappedTextBuilder } from '../qemu/text';

export interface XmlAttribute {
  readonly name: string;
  /** Local name without prefix. */
  readonly local: string;
  readonly value: MappedText;
  /** Offsets of `name='value'` in the document. */
  readonly start: number;
  readonly end: number;
}

export interface XmlElement {
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: XmlElement[];
  /** Offset of `<` and just after the start tag's `>`. */
  readonly start: number;
  startTagEnd: number;
  /** Just after the end tag (or the self-closing start tag). */
  end: number;
  /** Character content (direct text children), raw offsets. */
  textStart: number;
  textEnd: number;
}

export interface XmlError {
  readonly offset: number;
  readonly message: string;
}

export interface XmlDocument {
  readonly root: XmlElement | undefined;
  readonly errors: readonly XmlError[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes an attribute value's raw text, mapping each character to its source. */
export function decodeValue(doc: TextDocument, raw: string, offset: number): MappedText {
  const b = new MappedTextBuilder(doc);
  for (let i = 0; i < raw.length; i++) {
    const m = raw[i] === '&' ? /^&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/.exec(raw.slice(i)) : null;
    if (!m) {
      b.push(raw[i], offset + i, offset + i + 1, true);
      continue;
    }
    const ref = m[1];
    const cp = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : ref.startsWith('#') ? Number(ref.slice(1)) : undefined;
    // Past U+10FFFF is no character (saxes reports the error); String.fromCodePoint would throw.
    const ch = cp === undefined ? ENTITIES[ref] ?? m[0] : cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    for (const c of ch) b.push(c, offset + i, offset + i + m[0].length, false);
    i += m[0].length - 1;
  }
  return b.build(offset);
}

/**
 * libxml2 refuses documents nested deeper than this unless XML_PARSE_HUGE is
 * set, which libvirt does not set. Stopping there also keeps saxes's namespace
 * lookups (a walk up the open tags per element) from going quadratic.
 */
export const XML_MAX_DEPTH = 256;

export function parseXml(doc: TextDocument): XmlDocument {
  const text = doc.getText();
  const parser = new SaxesParser({ xmlns: true, position: true });
  const errors: XmlError[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let attrs: XmlAttribute[] = [];
  let tagStart = 0;

  parser.on('error', (e) => errors.push({ offset: Math.min(parser.position, text.length), message: e.message.replace(/^\d+:\d+: /, '') }));
  parser.on('opentagstart', (t) => {
    // saxes has read the name and one character past it.
    tagStart = text.lastIndexOf('<' + t.name, parser.position);
    attrs = [];
  });
  parser.on('attribute', (a) => {
    // saxes stands just past the closing quote; the value starts after the matching opening quote.
    const close = parser.position - 1;
    const quote = text[close];
    const open = text.lastIndexOf(quote, close - 1);
    const start = text.lastIndexOf(a.name, open);
    attrs.push({ name: a.name, local: a.local ?? a.name, value: decodeValue(doc, text.slice(open + 1, close), open + 1), start, end: close + 1 });
  });
  parser.on('opentag', (t) => {
    const el: XmlElement = {
      name: t.name,
      local: t.local ?? t.name,
      uri: t.uri ?? '',
      attributes: attrs,
      children: [],
      start: tagStart,
      startTagEnd: parser.position,
      end: parser.position,
      textStart: parser.position,
      textEnd: parser.position,
    };
    if (stack.length >= XML_MAX_DEPTH) throw new Error(`elements nested more than ${XML_MAX_DEPTH} deep (libxml2's limit)`);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root ??= el;
    if (!t.isSelfClosing) stack.push(el);
  });
  parser.on('text', () => {
    const el = stack[stack.length - 1];
    // saxes reports text when it meets the next `<`: the text ends just before it.
    if (el && el.children.length === 0) el.textEnd = parser.position - 1;
  });
  parser.on('closetag', (t) => {
    const el = stack[stack.length - 1];
    if (el && el.name === t.name) {
      stack.pop();
      el.end = parser.position;
    }
  });
  try {
    parser.write(text).close();
  } catch (e) {
    errors.push({ offset: Math.min(parser.position, text.length), message: (e as Error).message });
  }
  return { root, errors };
}

export function attr(el: XmlElement, local: string): XmlAttribute | undefined {
  return el.attributes.find((a) => a.local === local);
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

/** The element's text content, trimmed, mapped to the document. */
export function textOf(doc: TextDocument, el: XmlElement): MappedText {
  const raw = doc.getText().slice(el.textStart, el.textEnd);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  return decodeValue(doc, body, el.textStart + lead);
}

/** Document text [start, end) as it is, for ranges over whole tags. */
export function rawText(doc: TextDocument, start: number, end: number): MappedText {
  const b = new MappedTextBuilder(doc);
  b.literalRun(doc.getText().slice(start, end), start);
  return b.build(start);
}

/** The start tag of an element (`<address domain='0x0009' …/>`). */
export function startTag(doc: TextDocument, el: XmlElement): MappedText {
  return rawText(doc, el.start, el.startTagEnd);
}
