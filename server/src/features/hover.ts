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

/** Facts by the line their range starts on, and how many lines the longest spans: a hover looks at a few lines, not every fact. */
interface LineIndex {
  readonly byLine: Map<number, number[]>;
  readonly maxLines: number;
}

const indexes = new WeakMap<readonly HoverFact[], LineIndex>();

function lineIndex(hovers: readonly HoverFact[]): LineIndex {
  let index = indexes.get(hovers);
  if (index) return index;
  const byLine = new Map<number, number[]>();
  let maxLines = 0;
  hovers.forEach((h, i) => {
    const list = byLine.get(h.range.start.line);
    if (list) list.push(i);
    else byLine.set(h.range.start.line, [i]);
    maxLines = Math.max(maxLines, h.range.end.line - h.range.start.line);
  });
  indexes.set(hovers, (index = { byLine, maxLines }));
  return index;
}

export function hover(a: DocumentAnalysis, p: Position): Hover | null {
  const hovers = a.hovers;
  const { byLine, maxLines } = lineIndex(hovers);
  // The smallest range holding the position; among equals, the first fact (as a scan in order finds it).
  let best = -1;
  for (let line = Math.max(0, p.line - maxLines); line <= p.line; line++) {
    for (const i of byLine.get(line) ?? []) {
      const h = hovers[i];
      if (!contains(h.range, p)) continue;
      if (best < 0 || extent(h.range) < extent(hovers[best].range) || (extent(h.range) === extent(hovers[best].range) && i < best)) best = i;
    }
  }
  if (best < 0) return null;
  const value = hovers[best].markdown();
  return value ? { contents: { kind: MarkupKind.Markdown, value }, range: hovers[best].range } : null;
}
