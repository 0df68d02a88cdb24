import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, AnalysisContext, DocumentAnalysis, emptyAnalysis } from '../../analysis';
export class LspciAnalyzer implements Analyzer {
  readonly id = 'lspci';
  accepts(doc: TextDocument): boolean { return doc.languageId === 'lspci'; }
  analyze(doc: TextDocument, _ctx: AnalysisContext): DocumentAnalysis { return emptyAnalysis(doc, this.id); }
}
