// A tolerant ASL parser that keeps positions. ASL is, at its core, terms of
// the form `Name (arg, arg, …) { term … }`; that shape is all it builds, so
// it reads disassembled DSDTs, hand-written SSDTs and pasted excerpts alike,
// including ASL 2.0 expressions (kept as opaque operator tokens). Unbalanced
// brackets become located errors and parsing goes on.
import { AslLexError, AslToken, tokenizeAsl } from './aslTokens';

export interface AslList {
  readonly open: AslToken;
  readonly close?: AslToken;
  /** Comma-separated items, each the terms between two commas. */
  readonly items: readonly (readonly AslTerm[])[];
}

export interface AslCall {
  readonly kind: 'call';
  /** Absent for a bare `( … )` or `{ … }`. */
  readonly name?: AslToken;
  readonly args?: AslList;
  readonly body?: AslList;
  readonly start: number;
  readonly end: number;
}

export interface AslLeaf {
  readonly kind: 'int' | 'string' | 'op';
  readonly token: AslToken;
  readonly start: number;
  readonly end: number;
}

export type AslTerm = AslCall | AslLeaf;

export interface AslParse {
  readonly terms: readonly AslTerm[];
  readonly errors: readonly AslLexError[];
}

const MAX_DEPTH = 256;

class Parser {
  private i = 0;
  readonly errors: AslLexError[] = [];
  constructor(
    private readonly tokens: readonly AslToken[],
    private readonly text: string,
  ) {}

  private lineOf(offset: number): number {
    let n = 1;
    for (let i = this.text.indexOf('\n'); i >= 0 && i < offset; i = this.text.indexOf('\n', i + 1)) n++;
    return n;
  }

  private peek(): AslToken | undefined {
    return this.tokens[this.i];
  }

  /** Items up to the closing token of `open` (or the end). Leaves a mismatched closer for the caller. */
  private list(open: AslToken, depth: number): AslList {
    const want = open.kind === 'open' ? 'close' : 'rbrace';
    const items: AslTerm[][] = [[]];
    for (;;) {
      const t = this.peek();
      if (!t) {
        this.errors.push({ start: open.start, end: open.end, message: `"${open.text}" is not closed` });
        return { open, items: items.filter((x) => x.length) };
      }
      if (t.kind === want) {
        this.i++;
        return { open, close: t, items: items.length === 1 && !items[0].length ? [] : items };
      }
      if (t.kind === 'close' || t.kind === 'rbrace') {
        this.errors.push({ start: t.start, end: t.end, message: `"${t.text}" here, but the "${open.text}" on line ${this.lineOf(open.start)} is not closed: a "${want === 'close' ? ')' : '}'}" is missing` });
        return { open, items: items.filter((x) => x.length) };
      }
      if (t.kind === 'comma') {
        this.i++;
        items.push([]);
        continue;
      }
      items[items.length - 1].push(this.term(depth + 1));
    }
  }

  term(depth: number): AslTerm {
    const t = this.tokens[this.i++];
    if (depth > MAX_DEPTH) {
      this.errors.push({ start: t.start, end: t.end, message: `nesting deeper than ${MAX_DEPTH} levels` });
      this.i = this.tokens.length;
      return { kind: 'op', token: t, start: t.start, end: t.end };
    }
    if (t.kind === 'name' || t.kind === 'open' || t.kind === 'lbrace') {
      const name = t.kind === 'name' ? t : undefined;
      let args: AslList | undefined;
      let body: AslList | undefined;
      if (t.kind === 'open') args = this.list(t, depth);
      else if (name && this.peek()?.kind === 'open') args = this.list(this.tokens[this.i++], depth);
      if (t.kind === 'lbrace') body = this.list(t, depth);
      else if (this.peek()?.kind === 'lbrace') body = this.list(this.tokens[this.i++], depth);
      const last = body?.close ?? body?.open ?? args?.close ?? args?.open ?? t;
      const end = Math.max(last.end, lastEnd(body) ?? 0, lastEnd(args) ?? 0);
      return { kind: 'call', ...(name ? { name } : {}), ...(args ? { args } : {}), ...(body ? { body } : {}), start: t.start, end };
    }
    const kind = t.kind === 'int' || t.kind === 'string' ? t.kind : 'op';
    return { kind, token: t, start: t.start, end: t.end };
  }

  top(): AslTerm[] {
    const out: AslTerm[] = [];
    while (this.i < this.tokens.length) {
      const t = this.peek()!;
      if (t.kind === 'close' || t.kind === 'rbrace') {
        this.errors.push({ start: t.start, end: t.end, message: `"${t.text}" closes nothing` });
        this.i++;
        continue;
      }
      if (t.kind === 'comma') {
        this.i++;
        continue;
      }
      out.push(this.term(0));
    }
    return out;
  }
}

/** Where an unclosed list really ends: its last term. */
function lastEnd(l: AslList | undefined): number | undefined {
  if (!l || l.close) return undefined;
  const last = l.items[l.items.length - 1];
  return last?.[last.length - 1]?.end;
}

export function parseAsl(text: string): AslParse {
  const lexed = tokenizeAsl(text);
  const p = new Parser(lexed.tokens, text);
  const terms = p.top();
  return { terms, errors: [...lexed.errors, ...p.errors] };
}

/** The call's name, case-insensitive as ASL keywords are. */
export function isCall(t: AslTerm | undefined, name: string): t is AslCall {
  return t?.kind === 'call' && t.name?.text.toLowerCase() === name.toLowerCase();
}

/** The single term of an item, or undefined when the item is an expression. */
export function single(item: readonly AslTerm[] | undefined): AslTerm | undefined {
  return item?.length === 1 ? item[0] : undefined;
}

/** Every term of a body, flattened over commas. */
export function bodyTerms(c: AslCall): AslTerm[] {
  return c.body ? c.body.items.flat() : [];
}
