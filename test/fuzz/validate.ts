// The rules every answer keeps, whatever the document: ranges inside the text,
// stable codes, non-empty messages, no "NaN"/"undefined" leaking into what a
// person reads, code lenses that run a command the client has. Returns the
// problems found (empty when the answer is fine); shared by the service-level
// and the JSON-RPC fuzzers.
import type { CodeAction, CodeLens, Diagnostic, Hover, InlayHint, Position, Range } from 'vscode-languageserver-types';
import { COMMANDS } from '../../shared/commands';

const COMMAND_IDS = new Set<string>(Object.values(COMMANDS).map((c) => c.id));
const LEAKS = /\bNaN\b|\bundefined\b|\[object Object\]|\bInfinity\b/;

/** Line lengths as LSP counts them (UTF-16 units; \r\n, \r and \n end a line). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

export class AnswerRules {
  private readonly lines: number[];

  constructor(private readonly text: string) {
    this.lines = lineLengths(text);
  }

  position(p: Position | undefined, what: string, out: string[]): void {
    if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return void out.push(`${what}: not a position: ${JSON.stringify(p)}`);
    if (p.line < 0 || p.line >= this.lines.length || p.character < 0 || p.character > this.lines[p.line]) {
      out.push(`${what}: position ${p.line}:${p.character} outside the text (${this.lines.length} lines${p.line < this.lines.length && p.line >= 0 ? `, line length ${this.lines[p.line]}` : ''})`);
    }
  }

  range(r: Range | undefined, what: string, out: string[]): void {
    if (!r) return void out.push(`${what}: no range`);
    this.position(r.start, `${what} start`, out);
    this.position(r.end, `${what} end`, out);
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) out.push(`${what}: range ends before it starts`);
  }

  /** Text meant for people must not show a JS artefact the document itself does not contain. */
  words(s: unknown, what: string, out: string[]): void {
    if (typeof s !== 'string' || s.length === 0) return void out.push(`${what}: empty or not a string`);
    const m = LEAKS.exec(s);
    if (m && !this.text.includes(m[0])) out.push(`${what}: shows "${m[0]}": ${s.slice(0, 200)}`);
  }

  diagnostics(ds: Diagnostic[] | null | undefined): string[] {
    const out: string[] = [];
    if (!Array.isArray(ds)) return [`diagnostics: not an array`];
    for (const d of ds) {
      this.range(d.range, `diagnostic ${d.code}`, out);
      if (typeof d.code !== 'string' || !/^NVG\d{3}$/.test(d.code)) out.push(`diagnostic code ${JSON.stringify(d.code)} is not NVGnnn`);
      if (![1, 2, 3, 4].includes(d.severity as number)) out.push(`diagnostic ${d.code}: severity ${d.severity}`);
      this.words(d.message, `diagnostic ${d.code} message`, out);
      for (const r of d.relatedInformation ?? []) this.words(r.message, `diagnostic ${d.code} related`, out);
    }
    return out;
  }

  hover(h: Hover | null | undefined, at: Position): string[] {
    const out: string[] = [];
    if (h === null || h === undefined) return out;
    const c = h.contents as { kind?: string; value?: string };
    if (c?.kind !== 'markdown') out.push(`hover at ${at.line}:${at.character}: contents not markdown`);
    this.words(c?.value, `hover at ${at.line}:${at.character}`, out);
    if (h.range) this.range(h.range, 'hover', out);
    return out;
  }

  inlayHints(hints: InlayHint[] | null | undefined, within: Range): string[] {
    const out: string[] = [];
    if (!Array.isArray(hints)) return [`inlay hints: not an array`];
    for (const h of hints) {
      this.position(h.position, 'inlay hint', out);
      this.words(typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''), 'inlay hint label', out);
      const p = h.position;
      const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
      if (before(p, within.start) || before(within.end, p)) out.push(`inlay hint at ${p.line}:${p.character} outside the requested range`);
    }
    return out;
  }

  codeLenses(lenses: CodeLens[] | null | undefined): string[] {
    const out: string[] = [];
    if (!Array.isArray(lenses)) return [`code lenses: not an array`];
    for (const l of lenses) {
      this.range(l.range, 'code lens', out);
      this.words(l.command?.title, 'code lens title', out);
      if (!l.command || !COMMAND_IDS.has(l.command.command)) out.push(`code lens runs "${l.command?.command}", not a client command`);
    }
    return out;
  }

  codeActions(actions: CodeAction[] | null | undefined, uri: string): string[] {
    const out: string[] = [];
    if (!Array.isArray(actions)) return [`code actions: not an array`];
    for (const a of actions) {
      this.words(a.title, 'code action title', out);
      for (const [u, edits] of Object.entries(a.edit?.changes ?? {})) {
        if (u !== uri) out.push(`code action edits another document: ${u}`);
        for (const e of edits) this.range(e.range, `code action "${a.title}" edit`, out);
      }
    }
    return out;
  }
}
