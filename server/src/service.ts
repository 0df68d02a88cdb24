// The language service facade: documents in, LSP answers out. No connection
// here, so tests and the CLI can drive it directly.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, Diagnostic, Hover, InlayHint, Position, Range } from 'vscode-languageserver-types';
import { AnalysisContext, Analyzer, DocumentAnalysis, emptyAnalysis, isProfileContributor } from './analysis';
import type { DocumentChange } from './documents';
import type { ResolvedDevice } from './profiles/activeProfile';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { diagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';

export interface ServiceLog {
  error(message: string): void;
}

export class LanguageService {
  private readonly cache = new Map<string, { key: string; analysis: DocumentAnalysis }>();
  private readonly failed = new Set<string>();

  constructor(
    private readonly analyzers: readonly Analyzer[],
    private readonly context: () => AnalysisContext,
    private readonly log: ServiceLog = { error: () => undefined },
  ) {}

  analyzerFor(doc: TextDocument): Analyzer | undefined {
    return this.analyzers.find((a) => a.accepts(doc));
  }

  /** Analysis of the document as it is now, under the current context. */
  analysis(doc: TextDocument): DocumentAnalysis {
    const ctx = this.context();
    const key = `${doc.version}|${ctx.revision}`;
    const hit = this.cache.get(doc.uri);
    if (hit && hit.key === key) return hit.analysis;
    const analyzer = this.analyzerFor(doc);
    const analysis = analyzer ? this.guard(doc, analyzer.id, () => analyzer.analyze(doc, ctx)) ?? emptyAnalysis(doc, analyzer.id) : emptyAnalysis(doc, 'none');
    this.cache.set(doc.uri, { key, analysis });
    return analysis;
  }

  /** A crash in one analyzer stays in its document and is logged once per document. */
  private guard<T>(doc: TextDocument, analyzer: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (e) {
      const id = `${analyzer}|${doc.uri}`;
      if (!this.failed.has(id)) {
        this.failed.add(id);
        this.log.error(`vfio-lens: analyzer ${analyzer} failed on ${doc.uri}: ${(e as Error).stack ?? e}`);
      }
      return undefined;
    }
  }

  /** Devices declared by a profile document, or undefined if it is not one. */
  devicesOf(doc: TextDocument): ResolvedDevice[] | undefined {
    const a = this.analyzerFor(doc);
    if (!a || !isProfileContributor(a)) return undefined;
    return this.guard(doc, a.id, () => a.contributeDevices(doc, this.context())) ?? [];
  }

  didChange(change: DocumentChange): void {
    const a = this.analyzerFor(change.document);
    if (a?.didChange) this.guard(change.document, a.id, () => a.didChange!(change));
  }

  didClose(doc: TextDocument): void {
    this.cache.delete(doc.uri);
    const a = this.analyzerFor(doc);
    if (a?.didClose) this.guard(doc, a.id, () => a.didClose!(doc.uri));
  }

  diagnostics(doc: TextDocument): Diagnostic[] {
    return diagnostics(this.analysis(doc));
  }

  hover(doc: TextDocument, p: Position): Hover | null {
    const a = this.analysis(doc);
    return this.guard(doc, `${a.analyzer}/hover`, () => hover(a, p)) ?? null;
  }

  inlayHints(doc: TextDocument, range: Range): InlayHint[] {
    const a = this.analysis(doc);
    return this.guard(doc, `${a.analyzer}/inlayHints`, () => inlayHints(a, range, this.context().settings.inlayHints.enabled)) ?? [];
  }

  codeLenses(doc: TextDocument): CodeLens[] {
    const a = this.analysis(doc);
    return this.guard(doc, `${a.analyzer}/codeLenses`, () => codeLenses(a)) ?? [];
  }

  codeActions(doc: TextDocument, range: Range, only?: string[]): CodeAction[] {
    return codeActions(this.analysis(doc), range, only);
  }
}
