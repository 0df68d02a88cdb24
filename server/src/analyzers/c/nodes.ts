// Small readers of tree-sitter nodes shared by the scanners: plain-data
// spans and texts, named children without comments, declared names.
import type { Node } from 'web-tree-sitter';
import type { Span, TextSpan } from './scan';

export const text = (n: Node): TextSpan => ({ start: n.startIndex, end: n.endIndex, text: n.text });
export const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });
export const namedKids = (n: Node | null): Node[] => (n ? n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : []);

/** The identifier a (possibly nested) declarator declares. */
export function declaredName(d: Node | null): Node | null {
  for (let n = d; n; n = n.childForFieldName('declarator')) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n;
  }
  return null;
}

