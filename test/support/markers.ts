// Test text helpers: `|` marks the cursor, and results are rendered back into
// the source so a test compares one readable string (Volar-style snapshots).
import type { Diagnostic, InlayHint, Position } from 'vscode-languageserver-protocol';

/** Removes the single `|` from `marked` and returns the text and where it was. */
export function cursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  if (at < 0 || marked.indexOf('|', at + 1) >= 0) throw new Error('mark exactly one cursor with |');
  const before = marked.slice(0, at);
  const lines = before.split('\n');
  return { text: marked.slice(0, at) + marked.slice(at + 1), position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

/** The position of the n-th (0-based) occurrence of `needle`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not in text`);
  }
  const lines = text.slice(0, at + delta).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/**
 * The text with each diagnostic drawn under its first line:
 *     usemem.memlength = len - SZ_1G;
 *                        ^^^^^^^^^^^ NVG004 error: …
 */
export function renderDiagnostics(text: string, diagnostics: readonly Diagnostic[]): string {
  const lines = text.split('\n');
  const byLine = new Map<number, string[]>();
  const sorted = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (const d of sorted) {
    const { start, end } = d.range;
    const width = end.line === start.line ? Math.max(1, end.character - start.character) : Math.max(1, lines[start.line].length - start.character);
    const mark = ' '.repeat(start.character) + '^'.repeat(width) + ` ${d.code ?? ''} ${SEVERITY[d.severity ?? 1]}: ${d.message}`;
    byLine.set(start.line, [...(byLine.get(start.line) ?? []), mark]);
  }
  return lines.flatMap((l, i) => [l, ...(byLine.get(i) ?? [])]).join('\n');
}

/** Only the source lines that carry a diagnostic, each followed by its marks (renderDiagnostics style). */
export function annotated(text: string, diagnostics: readonly Diagnostic[]): string {
  const lines = renderDiagnostics(text, diagnostics).split('\n');
  return lines.filter((l, i) => /^\s*\^/.test(l) || /^\s*\^/.test(lines[i + 1] ?? '')).join('\n');
}

/** The text with each inlay hint's label inserted where the editor would show it: `/* label *\/`. */
export function renderInlayHints(text: string, hints: readonly InlayHint[]): string {
  const lines = text.split('\n');
  const sorted = [...hints].sort((a, b) => b.position.line - a.position.line || b.position.character - a.position.character);
  for (const h of sorted) {
    const label = typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
    const l = lines[h.position.line];
    lines[h.position.line] = l.slice(0, h.position.character) + `/*${h.paddingLeft ? ' ' : ''}${label}${h.paddingRight ? ' ' : ''}*/` + l.slice(h.position.character);
  }
  return lines.join('\n');
}
