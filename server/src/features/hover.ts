// The hover at a position: the innermost fact whose range holds it.
import { Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import type { DocumentAnalysis, HoverFact } from '../analysis';

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/** Smaller ranges win: a macro inside an expression beats the expression. */
function extent(r: Range): number {
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}

export function hover(a: DocumentAnalysis, p: Position): Hover | null {
  let best: HoverFact | undefined;
  for (const h of a.hovers) {
    if (contains(h.range, p) && (!best || extent(h.range) < extent(best.range))) best = h;
  }
  if (!best) return null;
  const value = best.markdown();
  return value ? { contents: { kind: MarkupKind.Markdown, value }, range: best.range } : null;
}
