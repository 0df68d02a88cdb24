// Constant expressions as plain data, converted from a tree-sitter parse of
// the (macro-expanded) text. Offsets are into that text; nothing here holds
// on to tree-sitter nodes, so trees can be freed right after conversion.
import type { Node, Parser } from 'web-tree-sitter';
import { createParser, parseWithinBudget } from '../../parsing/treeSitter';
import { MAX_BRACKET_DEPTH, parserInput } from './parserText';

interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr = Span &
  (
    | { readonly k: 'num'; readonly text: string }
    | { readonly k: 'char'; readonly text: string }
    | { readonly k: 'str'; readonly text: string }
    | { readonly k: 'id'; readonly name: string }
    | { readonly k: 'unary'; readonly op: string; readonly arg: Expr }
    | { readonly k: 'bin'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly opStart: number }
    | { readonly k: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
    | { readonly k: 'cast'; readonly type: string; readonly arg: Expr }
    | { readonly k: 'sizeof'; readonly type?: string; readonly arg?: Expr }
    | { readonly k: 'call'; readonly name: string; readonly args: readonly Expr[] }
    | { readonly k: 'comma'; readonly left: Expr; readonly right: Expr }
    | { readonly k: 'paren'; readonly inner: Expr }
    | { readonly k: 'opaque'; readonly text: string; readonly why: string }
  );

export type ParsedExpr = { readonly ok: true; readonly expr: Expr } | { readonly ok: false; readonly why: string };

const PREFIX = 'long __vfio_lens = (';
const SUFFIX = '\n);';

let parser: Parser | undefined;
const cache = new Map<string, ParsedExpr>();
const CACHE_LIMIT = 20_000;

/** Parses `text` as one C expression (cached by text). */
export function parseExpression(text: string): ParsedExpr {
  const hit = cache.get(text);
  if (hit) return hit;
  const result = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

function parseUncached(text: string): ParsedExpr {
  if (text.trim() === '') return { ok: false, why: 'empty' };
  // See parserText.ts: such text is never given to the parser.
  if (parserInput(text).tooDeepAt !== undefined) return { ok: false, why: `nested more than ${MAX_BRACKET_DEPTH} levels deep` };
  parser ??= createParser('c');
  const tree = parseWithinBudget(parser, PREFIX + text + SUFFIX);
  if (!tree) return { ok: false, why: 'too tangled to parse' };
  try {
    const decl = tree.rootNode.firstNamedChild;
    const init = decl?.descendantsOfType('init_declarator')[0];
    const value = init?.childForFieldName('value');
    if (!value || tree.rootNode.hasError || value.type !== 'parenthesized_expression' || named(tree.rootNode).length !== 1) {
      return { ok: false, why: 'not a C expression' };
    }
    const inner = value.namedChildren.find((c) => c && c.type !== 'comment');
    if (!inner) return { ok: false, why: 'empty' };
    return { ok: true, expr: convert(inner, PREFIX.length) };
  } finally {
    tree.delete();
  }
}

function named(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** Deeper than any real constant expression; past it the value is unknown rather than a stack overflow. */
const MAX_DEPTH = 256;

function convert(n: Node, base: number, depth = 0): Expr {
  const span = { start: n.startIndex - base, end: n.endIndex - base };
  if (depth > MAX_DEPTH) return { ...span, k: 'opaque', text: n.text, why: `nested more than ${MAX_DEPTH} levels deep` };
  const sub = (c: Node | null): Expr => (c ? convert(c, base, depth + 1) : { ...span, k: 'opaque', text: n.text, why: 'incomplete expression' });
  switch (n.type) {
    case 'number_literal':
      return { ...span, k: 'num', text: n.text };
    case 'char_literal':
      return { ...span, k: 'char', text: n.text };
    case 'string_literal':
    case 'concatenated_string':
      return { ...span, k: 'str', text: n.text };
    case 'identifier':
    case 'type_identifier':
    case 'primitive_type':
      return { ...span, k: 'id', name: n.text };
    case 'true':
    case 'false':
      return { ...span, k: 'num', text: n.type === 'true' ? '1' : '0' };
    case 'parenthesized_expression': {
      const kids = named(n);
      return kids.length === 1 ? { ...span, k: 'paren', inner: sub(kids[0]) } : { ...span, k: 'opaque', text: n.text, why: 'not a single expression' };
    }
    case 'unary_expression':
      return { ...span, k: 'unary', op: n.childForFieldName('operator')?.text ?? '?', arg: sub(n.childForFieldName('argument')) };
    case 'binary_expression': {
      const op = n.childForFieldName('operator');
      return { ...span, k: 'bin', op: op?.text ?? '?', left: sub(n.childForFieldName('left')), right: sub(n.childForFieldName('right')), opStart: (op?.startIndex ?? n.startIndex) - base };
    }
    case 'conditional_expression':
      return { ...span, k: 'cond', test: sub(n.childForFieldName('condition')), then: sub(n.childForFieldName('consequence')), else: sub(n.childForFieldName('alternative')) };
    case 'cast_expression':
      return { ...span, k: 'cast', type: n.childForFieldName('type')?.text ?? '', arg: sub(n.childForFieldName('value')) };
    case 'sizeof_expression': {
      const ty = n.childForFieldName('type');
      if (ty) return { ...span, k: 'sizeof', type: ty.text };
      const v = n.childForFieldName('value');
      return { ...span, k: 'sizeof', arg: sub(v) };
    }
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      const args = named(n.childForFieldName('arguments') ?? n).map((a) => convert(a, base, depth + 1));
      if (fn?.type === 'identifier') return { ...span, k: 'call', name: fn.text, args };
      // `(u64)(x)` parses as a call of a parenthesized name: it is a cast.
      if (fn?.type === 'parenthesized_expression' && named(fn).length === 1 && named(fn)[0].type === 'identifier' && args.length === 1) {
        return { ...span, k: 'cast', type: named(fn)[0].text, arg: args[0] };
      }
      return { ...span, k: 'opaque', text: n.text, why: 'a call through an expression' };
    }
    case 'comma_expression':
      return { ...span, k: 'comma', left: sub(n.childForFieldName('left')), right: sub(n.childForFieldName('right')) };
    case 'field_expression':
      return { ...span, k: 'opaque', text: n.text, why: 'a structure field, known only at run time' };
    case 'subscript_expression':
    case 'pointer_expression':
    case 'update_expression':
    case 'assignment_expression':
      return { ...span, k: 'opaque', text: n.text, why: 'a run-time value' };
    default:
      return { ...span, k: 'opaque', text: n.text, why: `${n.type.replace(/_/g, ' ')} is not a constant` };
  }
}
