// Diagnostic facts → LSP diagnostics, with stable codes and a link to their docs.
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { DiagnosticFact, DocumentAnalysis, Severity } from '../analysis';
import { diagnosticDocsUrl } from '../../../shared/docs';

export const DIAGNOSTIC_SOURCE = 'vfio-lens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: DiagnosticFact): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: diagnosticDocsUrl(f.code) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  if (f.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export function diagnostics(a: DocumentAnalysis): Diagnostic[] {
  return a.diagnostics.map(toDiagnostic);
}
