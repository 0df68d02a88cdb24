// Quick fixes for the diagnostics the client sends back with a code-action request.
import { CodeAction, CodeActionKind, Diagnostic, Range } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis';
import { toDiagnostic } from './diagnostics';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function codeActions(a: DocumentAnalysis, range: Range, only?: string[]): CodeAction[] {
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.') || k === '')) return [];
  const actions: CodeAction[] = [];
  for (const f of a.diagnostics) {
    if (!f.fixes?.length || !overlaps(f.range, range)) continue;
    const diagnostic: Diagnostic = toDiagnostic(f);
    for (const fix of f.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred ?? false,
        edit: { changes: { [a.uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
      });
    }
  }
  return actions;
}
