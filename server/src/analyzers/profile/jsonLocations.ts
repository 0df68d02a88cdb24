// JSON with positions: the jsonc-parser tree of a profile file, and the
// mapping from a JSON path (as zod reports it) to the exact text to underline.
import { Node, ParseError, SyntaxKind, createScanner, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';

export type JsonPath = ReadonlyArray<string | number>;

export interface ParsedJson {
  readonly root: Node | undefined;
  /** The value as JSON.parse would give it (numbers already rounded above 2^53). */
  readonly value: unknown;
  readonly errors: ReadonlyArray<{ readonly offset: number; readonly length: number; readonly message: string }>;
}

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes (trailing commas are not JSON)',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'expected the end of the file',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'comment is not closed',
  UnexpectedEndOfString: 'string is not closed',
  UnexpectedEndOfNumber: 'number is not complete',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

/** Far deeper than a profile file goes (3 levels); jsonc-parser recurses per level and would overflow the stack at thousands. */
export const MAX_JSON_DEPTH = 100;

/** Offset of the first bracket that opens a level past `max`, found by the (iterative) scanner. */
function tooDeep(text: string, max: number): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
      if (++depth > max) return scanner.getTokenOffset();
    } else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

export function parseJson(text: string): ParsedJson {
  const deep = tooDeep(text, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    return { root: undefined, value: undefined, errors: [{ offset: deep, length: 1, message: `JSON: nested more than ${MAX_JSON_DEPTH} levels deep here (a profile file needs 3); the file is not read` }] };
  }
  const raw: ParseError[] = [];
  // Comments are tolerated (people annotate their devices); trailing commas are not JSON.
  const root = parseTree(text, raw, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: true });
  // One error per place: after a syntax error jsonc-parser reports every bracket still open there.
  const seen = new Set<number>();
  const errors = raw.filter((e) => !seen.has(e.offset) && seen.add(e.offset)).map((e) => {
    const name = printParseErrorCode(e.error);
    return { offset: e.offset, length: e.length, message: `JSON: ${PARSE_MESSAGES[name] ?? name}` };
  });
  return { root, value: root ? getNodeValue(root) : undefined, errors };
}

export function rangeOf(doc: TextDocument, offset: number, length: number): Range {
  return { start: doc.positionAt(offset), end: doc.positionAt(offset + Math.max(0, length)) };
}

export function nodeRange(doc: TextDocument, n: Node): Range {
  return rangeOf(doc, n.offset, n.length);
}

export function valueAt(root: Node | undefined, path: JsonPath): Node | undefined {
  return root ? findNodeAtLocation(root, [...path]) : undefined;
}

/** The property node (key + value) holding the value at `path`. */
export function propertyAt(root: Node | undefined, path: JsonPath): Node | undefined {
  const v = valueAt(root, path);
  return v?.parent?.type === 'property' ? v.parent : undefined;
}

/** The key string of an object's property, by name: the last one, whose value counts (as in JSON.parse). */
export function keyNode(obj: Node | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  const props = obj.children ?? [];
  for (let i = props.length - 1; i >= 0; i--) {
    if (props[i].type === 'property' && props[i].children?.[0]?.value === key) return props[i].children?.[0];
  }
  return undefined;
}

/**
 * Where to put a problem at `path`: the value if it exists; else, walking up,
 * the opening brace of the nearest object that does (a missing field belongs
 * to the object that should hold it, as VS Code's JSON service shows it).
 */
export function locate(doc: TextDocument, root: Node | undefined, path: JsonPath): Range {
  for (let n = path.length; n >= 0; n--) {
    const node = valueAt(root, path.slice(0, n));
    if (!node) continue;
    if (n === path.length) return nodeRange(doc, node);
    return rangeOf(doc, node.offset, 1);
  }
  return rangeOf(doc, 0, 0);
}
