// Analysis throughput, in this process: the raw tree-sitter parse of a
// large driver against the full analysis of the same text (which parses it
// too), alternated so both see the same machine load.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CDriverAnalyzer } from '../../server/src/analyzers/c/analyzer';
import { createParser, initTreeSitter } from '../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../server/src/profiles/activeProfile';
import { LanguageService } from '../../server/src/service';
import { DEFAULT_SETTINGS } from '../../shared/settings';

export interface AnalysisTimes {
  readonly parseMs: number[];
  readonly analysisMs: number[];
  /** Facts the analysis found, to show it did its work. */
  readonly facts: { readonly diagnostics: number; readonly hovers: number; readonly hints: number; readonly lenses: number };
}

function parseOnce(text: string): number {
  const parser = createParser('c');
  const t0 = performance.now();
  const tree = parser.parse(text);
  const ms = performance.now() - t0;
  tree?.delete();
  parser.delete();
  return ms;
}

/** A new service per run: nothing cached, the document opened as the server opens it. */
function analyzeOnce(text: string) {
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const analyzer = new CDriverAnalyzer();
  const service = new LanguageService([analyzer], () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 }));
  const doc = TextDocument.create('file:///bench/large.c', 'c', 1, text);
  const t0 = performance.now();
  service.diagnostics(doc);
  const ms = performance.now() - t0;
  const a = service.analysis(doc);
  service.didClose(doc);
  return { ms, facts: { diagnostics: a.diagnostics.length, hovers: a.hovers.length, hints: a.inlayHints.length, lenses: a.codeLenses.length } };
}

export async function timeAnalysis(text: string, repeats: number): Promise<AnalysisTimes> {
  await initTreeSitter();
  // One untimed round: WASM tiers up and the JIT warms for both sides alike.
  parseOnce(text);
  let facts = analyzeOnce(text).facts;
  const parseMs: number[] = [];
  const analysisMs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // parse, analyse, parse: the analysis is compared with the mean of the parses around it.
    const before = parseOnce(text);
    const a = analyzeOnce(text);
    const after = parseOnce(text);
    parseMs.push((before + after) / 2);
    analysisMs.push(a.ms);
    facts = a.facts;
  }
  return { parseMs, analysisMs, facts };
}
