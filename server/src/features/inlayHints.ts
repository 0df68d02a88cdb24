// Inlay-hint facts in the requested range → LSP inlay hints.
import { InlayHint, InlayHintKind, MarkupKind, Range } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis';

function inRange(r: Range, line: number, character: number): boolean {
  if (line < r.start.line || line > r.end.line) return false;
  if (line === r.start.line && character < r.start.character) return false;
  if (line === r.end.line && character > r.end.character) return false;
  return true;
}

export function inlayHints(a: DocumentAnalysis, range: Range, enabled: boolean): InlayHint[] {
  if (!enabled) return [];
  return a.inlayHints
    .filter((h) => inRange(range, h.position.line, h.position.character))
    .map((h) => {
      const hint: InlayHint = { position: h.position, label: h.label, paddingLeft: h.paddingLeft ?? true };
      if (h.kind) hint.kind = h.kind === 'type' ? InlayHintKind.Type : InlayHintKind.Parameter;
      if (h.tooltip) hint.tooltip = { kind: MarkupKind.Markdown, value: h.tooltip() };
      return hint;
    });
}
