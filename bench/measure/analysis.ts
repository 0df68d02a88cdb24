// Analysis throughput, in this process: the raw tree-sitter parse of a
// large driver against the full analysis of the same text (which parses it
// too), alternated so both see the same machine load.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CDriverAnalyzer } from '../../server/src/analyzers/c/analyzer';
import { createParser, initTreeSitter } from '../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../server/src/profiles/activeProfile';
import { LanguageService } from '../../server/src/service';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { schedTimes } from '../schedstat';

export interface AnalysisTimes {
  /** Wall time. */
  readonly parseMs: number[];
  readonly analysisMs: number[];
  /** Time this thread ran on a CPU (less sensitive to other processes on a shared machine). */
  readonly parseCpuMs: number[];
  readonly analysisCpuMs: number[];
  /** The part of the analysis an edit waits for. */
  readonly diagnosticsMs: number[];
  /** Facts the analysis found, to show it did its work. */
  readonly facts: { readonly diagnostics: number; readonly hovers: number; readonly hints: number; readonly lenses: number };
}

/** This thread's time on a CPU (Linux); elsewhere the process's CPU time, GC threads included. */
function cpuMs(): number {
  const own = schedTimes(process.pid);
  if (own) return own.runMs;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function parseOnce(text: string): { ms: number; cpu: number } {
  const parser = createParser('c');
  const c0 = cpuMs();
  const t0 = performance.now();
  const tree = parser.parse(text);
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  tree?.delete();
  parser.delete();
  return { ms, cpu };
}

/**
 * A new service per run: nothing cached, the document opened as the server
 * opens it. Timed: the diagnostics (what an edit waits for), then every
 * other fact (hovers, hints, lenses, built when an editor first asks).
 */
function analyzeOnce(text: string) {
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const analyzer = new CDriverAnalyzer();
  const service = new LanguageService([analyzer], () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 }));
  const doc = TextDocument.create('file:///bench/large.c', 'c', 1, text);
  const c0 = cpuMs();
  const t0 = performance.now();
  service.diagnostics(doc);
  const diagnosticsMs = performance.now() - t0;
  const a = service.analysis(doc);
  const facts = { diagnostics: a.diagnostics.length, hovers: a.hovers.length, hints: a.inlayHints.length, lenses: a.codeLenses.length };
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  service.didClose(doc);
  return { ms, cpu, diagnosticsMs, facts };
}

export async function timeAnalysis(text: string, repeats: number): Promise<AnalysisTimes> {
  await initTreeSitter();
  // One untimed round: WASM tiers up and the JIT warms for both sides alike.
  parseOnce(text);
  let facts = analyzeOnce(text).facts;
  const out = { parseMs: [] as number[], analysisMs: [] as number[], parseCpuMs: [] as number[], analysisCpuMs: [] as number[], diagnosticsMs: [] as number[] };
  for (let r = 0; r < repeats; r++) {
    // parse, analyse, parse: the analysis is compared with the mean of the parses around it.
    const before = parseOnce(text);
    const a = analyzeOnce(text);
    const after = parseOnce(text);
    out.parseMs.push((before.ms + after.ms) / 2);
    out.parseCpuMs.push((before.cpu + after.cpu) / 2);
    out.analysisMs.push(a.ms);
    out.analysisCpuMs.push(a.cpu);
    out.diagnosticsMs.push(a.diagnosticsMs);
    facts = a.facts;
  }
  return { ...out, facts };
}
