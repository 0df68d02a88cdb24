// A fuzz run over the pure language service: documents (random bytes,
// mutated and truncated fixtures, hostile generated text) and random edit
// sequences checked against a fresh analysis of the final text. Case i of a
// run depends only on the seed and i, so any finding replays alone.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { isDeepStrictEqual } from 'node:util';
import type { AnalysisContext, Analyzer } from '../../server/src/analysis';
import { createAnalyzers } from '../../server/src/analyzers';
import { DocumentStore } from '../../server/src/documents';
import { initTreeSitter } from '../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../server/src/profiles/activeProfile';
import { LanguageService } from '../../server/src/service';
import { readSettings } from '../../shared/settings';
import { Sample, fixtureSamples, syntheticSlots } from './corpus';
import { randomNotification } from './edits';
import { exercise, samplePositions, timed, wholeRange } from './exercise';
import { TEMPLATES, fillTemplate, longLine, macroCycles, nesting, randomBytesText, tokenSoup, tokensOf } from './hostile';
import { mutate } from './mutate';
import { Rng, caseSeed } from './rng';
import { FuzzStats } from './stats';

export interface CampaignOptions {
  readonly seed: number;
  /** Case numbers to run (documents and edit sequences are numbered separately). */
  readonly documents: { readonly from: number; readonly to: number; readonly step?: number };
  readonly editSequences: { readonly from: number; readonly to: number; readonly step?: number };
  /** Called before each case with its name ("doc#12"), for a watchdog. */
  readonly onCase?: (name: string) => void;
  /** Extra analyzers after the registered ones (a test injects a failing one). */
  readonly analyzers?: () => Analyzer[];
}

/** Two contexts: the default device, and a settings-inline GB200 on an old kernel with 4 KiB pages. */
const SETTINGS = [
  readSettings({}).settings,
  readSettings({ kernel: '6.9', pageSize: 4096, profile: { name: 'rack gpu0', bdf: '0008:01:00.0', sku: 'gb200' } }).settings,
];

function contextFor(i: number): () => AnalysisContext {
  const settings = SETTINGS[i % SETTINGS.length];
  const profiles = new ProfileStore(settings);
  const ctx: AnalysisContext = { settings, profile: profiles.active(), profiles, revision: 0 };
  return () => ctx;
}

export interface Corpus {
  readonly samples: readonly Sample[];
  readonly slots: readonly Sample[];
  readonly tokens: ReadonlyMap<string, readonly string[]>;
}

export function loadCorpus(): Corpus {
  const samples = fixtureSamples();
  const slots = syntheticSlots();
  const tokens = new Map<string, string[]>();
  for (const lang of new Set([...samples, ...slots].map((s) => s.languageId))) {
    tokens.set(lang, tokensOf([...samples.filter((s) => s.languageId === lang).map((s) => s.text), ...(TEMPLATES[lang] ?? [])]));
  }
  return { samples, slots, tokens };
}

export type DocKind = 'bytes' | 'soup' | 'mutated' | 'truncated' | 'template' | 'nesting' | 'macros' | 'longLine';
const KINDS: ReadonlyArray<[DocKind, number]> = [['bytes', 8], ['soup', 12], ['mutated', 40], ['truncated', 12], ['template', 16], ['nesting', 4], ['macros', 4], ['longLine', 4]];

function pickKind(rng: Rng): DocKind {
  let r = rng.int(KINDS.reduce((s, [, w]) => s + w, 0));
  for (const [k, w] of KINDS) if ((r -= w) < 0) return k;
  return 'mutated';
}

/** The document of case `index`: which slot it takes (its URI and language) and its text. */
export function documentCase(corpus: Corpus, seed: number, index: number): { kind: DocKind; sample: Sample; text: string; note: string } {
  const rng = new Rng(caseSeed(seed, 'doc', index));
  const kind = pickKind(rng);
  const base = kind === 'mutated' || kind === 'truncated' ? rng.pick(corpus.samples.length ? corpus.samples : corpus.slots) : rng.pick([...corpus.samples, ...corpus.slots]);
  const lang = base.languageId;
  const tokens = corpus.tokens.get(lang) ?? [];
  const source = base.text || (TEMPLATES[lang] ? fillTemplate(rng.pick(TEMPLATES[lang]), rng) : '');
  let text: string;
  let note: string = kind;
  switch (kind) {
    case 'bytes':
      text = randomBytesText(rng, rng.chance(0.02) ? 100_000 : rng.size(4000));
      break;
    case 'soup':
      text = tokenSoup(tokens, rng, rng.size(3000));
      break;
    case 'mutated': {
      const m = mutate(source, rng, { languageId: lang, tokens });
      text = m.text;
      note = `mutated: ${m.applied.join(', ')}`;
      break;
    }
    case 'truncated':
      text = source.slice(0, rng.int(source.length + 1));
      break;
    case 'template':
      text = TEMPLATES[lang] ? fillTemplate(rng.pick(TEMPLATES[lang]), rng) : mutate(source, rng, { languageId: lang, tokens }).text;
      break;
    case 'nesting':
      text = nesting(lang, rng.pick([1000, 10_000]), rng);
      break;
    case 'macros':
      text = lang === 'c' ? macroCycles(rng) : source + '\n' + macroCycles(rng);
      break;
    case 'longLine':
      text = longLine(lang, 100_000, rng);
      break;
  }
  return { kind, sample: base, text, note };
}

let version = 0;

export async function runCampaign(opts: CampaignOptions): Promise<FuzzStats> {
  await initTreeSitter();
  const corpus = loadCorpus();
  const stats = new FuzzStats();
  const log = { error: (m: string) => stats.finding('analyzer crash (logged by the service)', m) };
  const analyzers = () => [...createAnalyzers(), ...(opts.analyzers?.() ?? [])];
  const services = SETTINGS.map((_, i) => new LanguageService(analyzers(), contextFor(i), log));
  // Steady state is what the budget is about: each analyzer reads each fixture once, untimed, before the run.
  for (const service of services) {
    for (const s of corpus.samples) {
      const doc = TextDocument.create(s.uri, s.languageId, ++version, s.text);
      service.diagnostics(doc);
      service.didClose(doc);
    }
  }

  const d = opts.documents;
  for (let i = d.from; i < d.to; i += d.step ?? 1) {
    const c = documentCase(corpus, opts.seed, i);
    stats.current = `doc#${i} (${c.sample.origin} → ${c.sample.uri.split('/').pop()}, ${c.note})`;
    opts.onCase?.(`doc#${i}`);
    const service = services[i % services.length];
    const doc = TextDocument.create(c.sample.uri, c.sample.languageId, ++version, c.text);
    const rng = new Rng(caseSeed(opts.seed, 'doc-queries', i));
    exercise(service, doc, rng, stats, { hovers: 8, factHovers: 6, layout: true });
    timed(stats, 'didClose', () => service.didClose(doc));
    stats.count(stats.byKind, c.kind);
    stats.documents++;
  }

  const e = opts.editSequences;
  for (let i = e.from; i < e.to; i += e.step ?? 1) {
    stats.current = `edits#${i}`;
    opts.onCase?.(`edits#${i}`);
    editSequence(corpus, opts.seed, i, services[i % services.length], () => new LanguageService(analyzers(), contextFor(i), log), stats);
    stats.editSequences++;
  }
  return stats;
}

/** What an editor shows for a document: diagnostics, hovers at given places, inlay hints, code lenses. */
export function snapshot(service: LanguageService, doc: TextDocument, positions: readonly Position[]): unknown {
  return {
    diagnostics: service.diagnostics(doc),
    hovers: positions.map((p) => service.hover(doc, p)),
    inlayHints: service.inlayHints(doc, wholeRange(doc.getText())),
    codeLenses: service.codeLenses(doc),
  };
}

/**
 * Edit sequence `index`: a document opened, changed by random incremental
 * didChange notifications (queried now and then, as an editor does), then
 * compared with a fresh service's analysis of the final text.
 */
export function editSequence(corpus: Corpus, seed: number, index: number, service: LanguageService, fresh: () => LanguageService, stats: FuzzStats): void {
  const rng = new Rng(caseSeed(seed, 'edits', index));
  const start = documentCase(corpus, seed, 1_000_000 + index);
  // Edits start mostly from a realistic document, sometimes from a hostile one.
  const sample = rng.chance(0.8) && corpus.samples.length ? rng.pick(corpus.samples) : start.sample;
  let expected = sample === start.sample ? start.text : sample.text;
  const uri = sample.uri;
  const store = new DocumentStore();
  let v = ++version;
  store.open(uri, sample.languageId, v, expected);
  const src = { tokens: corpus.tokens.get(sample.languageId) ?? [] };
  const steps = rng.between(1, 40);
  for (let s = 0; s < steps; s++) {
    const { changes, next } = randomNotification(expected, rng, src);
    expected = next;
    const change = store.change(uri, ++v, changes);
    if (!change) return stats.finding('edit sequence', 'the document store lost the document');
    version = v;
    timed(stats, 'didChange', () => service.didChange(change));
    stats.edits++;
    if (rng.chance(0.3)) timed(stats, 'diagnostics', () => service.diagnostics(change.document));
    if (rng.chance(0.1)) {
      const p = samplePositions(expected, rng, 1)[2];
      timed(stats, 'hover', () => service.hover(change.document, p));
    }
  }
  const doc = store.get(uri)!;
  if (doc.getText() !== expected) {
    stats.finding('incremental text', `after ${steps} edits the document store holds other text than the edits give (first difference at ${firstDifference(doc.getText(), expected)})`);
  }
  const positions = samplePositions(expected, rng, 12);
  const analysis = service.analysis(doc);
  positions.push(...analysis.hovers.slice(0, 8).map((h) => h.range.start));
  const incremental = timed(stats, 'analysis after edits', () => snapshot(service, doc, positions));
  const reference = fresh();
  const full = snapshot(reference, TextDocument.create(uri, sample.languageId, doc.version, expected), positions);
  if (incremental !== undefined && !isDeepStrictEqual(incremental, full)) {
    stats.finding('incremental ≠ full', `${sample.origin}: after ${steps} edits the answers differ from a fresh analysis: ${describeDifference(incremental, full)}`);
  }
  stats.count(stats.byAnalyzer, service.analyzerFor(doc)?.id ?? 'none');
  service.didClose(doc);
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function describeDifference(a: unknown, b: unknown): string {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(y).filter((k) => !isDeepStrictEqual(x[k], y[k]));
  return keys.map((k) => `${k}: incremental ${JSON.stringify(x[k]).slice(0, 300)} vs full ${JSON.stringify(y[k]).slice(0, 300)}`).join('; ');
}
