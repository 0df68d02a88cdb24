// Shell words as the shell would hand them to a program: quotes removed,
// escapes decoded, variables expanded when the script itself says what they
// hold — each character mapped to where it was written. Nothing is run:
// command substitutions and variables from outside are unknown.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node } from 'web-tree-sitter';
import type { ArgWord } from '../qemu/argv';
import { MappedText, MappedTextBuilder } from '../qemu/text';

/** What the script says a variable holds at a point; undefined when it cannot be known. */
export interface VariableLookup {
  scalar(name: string, at: Node): MappedText | undefined;
  array(name: string, at: Node): readonly ArgWord[] | undefined;
}

const DQ_ESCAPES = new Set(['"', '\\', '$', '`']);
const C_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };
const IFS = /[ \t\n]/;

export class WordDecoder {
  private readonly source: string;

  constructor(
    private readonly doc: TextDocument,
    private readonly vars: VariableLookup,
  ) {
    this.source = doc.getText();
  }

  private builder(): MappedTextBuilder {
    return new MappedTextBuilder(this.doc);
  }

  /** One node → its text, no splitting (an assignment's value, a command name). */
  text(node: Node): MappedText {
    const b = this.builder();
    this.into(b, node);
    return b.build(node.startIndex);
  }

  /** One argument node → the words it becomes (splitting, `"${a[@]}"`). */
  words(node: Node): ArgWord[] {
    const array = this.arrayExpansion(node);
    if (array) return array;
    const t = this.text(node);
    if (node.type === 'simple_expansion' || node.type === 'expansion') {
      // Unquoted: the value is split on whitespace; unknown → any number of words.
      return t.known ? splitFields(t) : [{ text: t, opaque: true }];
    }
    return [{ text: t }];
  }

  /** `"${name[@]}"`, `${name[@]}`, `"$@"`: whole arrays, or opaque when unknown. */
  private arrayExpansion(node: Node): ArgWord[] | undefined {
    const inner = node.type === 'string' && node.namedChildCount === 1 ? node.namedChild(0)! : node;
    if (node.type === 'string' && node.text.length !== inner.text.length + 2) return undefined;
    if (inner.type === 'simple_expansion' && /^\$[@*]$/.test(inner.text)) return [{ text: this.unknownText(inner), opaque: true }];
    if (inner.type !== 'expansion') return undefined;
    const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/.exec(inner.text);
    if (!m) return undefined;
    const words = this.vars.array(m[1], inner);
    return words ? [...words] : [{ text: this.unknownText(inner), opaque: true }];
  }

  private unknownText(node: Node): MappedText {
    const b = this.builder();
    b.unknown(node.startIndex, node.endIndex);
    return b.build(node.startIndex);
  }

  /** Appends the decoded characters of `node` (no splitting). */
  into(b: MappedTextBuilder, node: Node): void {
    switch (node.type) {
      case 'word':
      case 'number':
      case 'variable_name':
        return this.unquoted(b, node.startIndex, node.endIndex);
      case 'raw_string':
        return b.literalRun(node.text.slice(1, -1), node.startIndex + 1);
      case 'string':
        return this.doubleQuoted(b, node);
      case 'ansi_c_string':
        return this.ansiC(b, node);
      case 'concatenation':
        for (const c of node.children) if (c) this.into(b, c);
        return;
      case 'simple_expansion':
      case 'expansion':
        return this.expansion(b, node);
      default:
        // Command substitution, arithmetic, globs in braces: not evaluated.
        b.unknown(node.startIndex, node.endIndex);
    }
  }

  private unquoted(b: MappedTextBuilder, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const ch = this.source[i];
      if (ch === '\\' && i + 1 < end) {
        if (this.source[i + 1] !== '\n') b.push(this.source[i + 1], i, i + 2, false);
        i++;
      } else b.push(ch, i, i + 1, true);
    }
  }

  private doubleQuoted(b: MappedTextBuilder, node: Node): void {
    let i = node.startIndex + 1;
    const end = node.endIndex - 1;
    const expansions = node.namedChildren.filter((c) => c && c.type !== 'string_content') as Node[];
    for (const e of [...expansions, undefined]) {
      const stop = e ? e.startIndex : end;
      for (; i < stop; i++) {
        const ch = this.source[i];
        if (ch === '\\' && i + 1 < stop && (DQ_ESCAPES.has(this.source[i + 1]) || this.source[i + 1] === '\n')) {
          if (this.source[i + 1] !== '\n') b.push(this.source[i + 1], i, i + 2, false);
          i++;
        } else b.push(ch, i, i + 1, true);
      }
      if (e) {
        this.into(b, e);
        i = e.endIndex;
      }
    }
  }

  private ansiC(b: MappedTextBuilder, node: Node): void {
    const end = node.endIndex - 1;
    for (let i = node.startIndex + 2; i < end; i++) {
      const ch = this.source[i];
      if (ch !== '\\' || i + 1 >= end) {
        b.push(ch, i, i + 1, true);
        continue;
      }
      const hex = /^x([0-9a-fA-F]{1,2})/.exec(this.source.slice(i + 1, end));
      if (hex) {
        b.push(String.fromCharCode(parseInt(hex[1], 16)), i, i + 1 + hex[0].length, false);
        i += hex[0].length;
      } else {
        const next = this.source[i + 1];
        b.push(C_ESCAPES[next] ?? next, i, i + 2, false);
        i++;
      }
    }
  }

  private expansion(b: MappedTextBuilder, node: Node): void {
    const value = this.expand(node);
    if (value === undefined) return b.unknown(node.startIndex, node.endIndex);
    // The value is written elsewhere: its characters point at this expansion.
    for (const ch of value.text) b.push(ch, node.startIndex, node.endIndex, false);
  }

  /** `$X`, `${X}`, `${X:-default}`; anything fancier is unknown. */
  private expand(node: Node): MappedText | undefined {
    const simple = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(node.text);
    if (simple) return this.vars.scalar(simple[1] ?? simple[2], node);
    const withDefault = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)/.exec(node.text);
    if (withDefault && node.type === 'expansion') {
      const value = this.vars.scalar(withDefault[1], node);
      if (value === undefined) return undefined;
      if (value.length > 0 || withDefault[2] === '-') return value;
      const b = this.builder();
      for (const d of node.namedChildren.slice(1)) if (d) this.into(b, d);
      return b.build(node.startIndex);
    }
    return undefined;
  }
}

/** Field splitting of an unquoted expansion's value. */
export function splitFields(t: MappedText): ArgWord[] {
  const out: ArgWord[] = [];
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    const sep = i === t.length || IFS.test(t.text[i]);
    if (sep && start >= 0) {
      out.push({ text: t.slice(start, i) });
      start = -1;
    } else if (!sep && start < 0) start = i;
  }
  return out;
}
