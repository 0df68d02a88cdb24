// Asks the language service everything an editor asks about one document —
// diagnostics, hovers at random places and on every fact, inlay hints, code
// lenses, code actions, and for profile files the layout view and the
// playground of each device — timing each call and checking each answer.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { layoutViewSchema } from '../../shared/layoutView';
import { emulateResultSchema } from '../../shared/playground';
import { describeZodError } from '../../shared/u64';
import type { LanguageService } from '../../server/src/service';
import { buildLayoutView } from '../../server/src/views/layoutView';
import { replayOps } from '../../server/src/views/playground';
import type { ResolvedDevice } from '../../server/src/profiles/activeProfile';
import { randomOps } from './ops';
import type { Rng } from './rng';
import type { FuzzStats } from './stats';
import { AnswerRules, lineLengths } from './validate';

/** Runs one call, timing it; a throw is a finding, not a crash of the run. */
export function timed<T>(stats: FuzzStats, what: string, fn: () => T): T | undefined {
  const t0 = performance.now();
  try {
    return fn();
  } catch (e) {
    stats.finding(`${what} threw`, (e as Error)?.stack ?? String(e));
    return undefined;
  } finally {
    stats.time(what, performance.now() - t0);
  }
}

function report(stats: FuzzStats, what: string, problems: string[]): void {
  for (const p of problems) stats.finding(what, p);
}

/** Random positions, plus the edges: start, end, past the end of a line and of the text. */
export function samplePositions(text: string, rng: Rng, n: number): Position[] {
  const lines = lineLengths(text);
  const last = lines.length - 1;
  const out: Position[] = [{ line: 0, character: 0 }, { line: last, character: lines[last] }];
  for (let i = 0; i < n; i++) {
    const line = rng.int(lines.length);
    out.push({ line, character: rng.int(lines[line] + 1) });
  }
  return out;
}

export function wholeRange(text: string): Range {
  const lines = lineLengths(text);
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1] } };
}

export interface ExerciseOptions {
  /** Random hover positions (hovers on each fact's range come on top, up to `factHovers`). */
  readonly hovers: number;
  readonly factHovers: number;
  /** Build the layout view and replay random playground ops for each device a profile file declares. */
  readonly layout: boolean;
}

export function exercise(service: LanguageService, doc: TextDocument, rng: Rng, stats: FuzzStats, opts: ExerciseOptions): void {
  const text = doc.getText();
  const rules = new AnswerRules(text);
  stats.count(stats.byAnalyzer, service.analyzerFor(doc)?.id ?? 'none');
  stats.count(stats.byLanguage, doc.languageId);

  const diags = timed(stats, 'diagnostics', () => service.diagnostics(doc));
  if (diags) {
    report(stats, 'diagnostics', rules.diagnostics(diags));
    for (const d of diags) stats.codes.add(String(d.code));
  }
  const analysis = service.analysis(doc);
  const onFacts = analysis.hovers.slice(0, opts.factHovers).map((h) => h.range.start);
  // Out of the text: editors do not send these, but a late request after an edit can.
  const outside: Position[] = [{ line: 1_000_000, character: 0 }, { line: 0, character: 1_000_000 }];
  for (const p of [...samplePositions(text, rng, opts.hovers), ...onFacts, ...outside]) {
    const h = timed(stats, 'hover', () => service.hover(doc, p));
    const inText = p.line < 1_000_000 && p.character < 1_000_000;
    if (h !== undefined && inText) report(stats, 'hover', rules.hover(h, p));
  }
  const all = wholeRange(text);
  const hints = timed(stats, 'inlayHints', () => service.inlayHints(doc, all));
  if (hints) report(stats, 'inlayHints', rules.inlayHints(hints, all));
  const lenses = timed(stats, 'codeLenses', () => service.codeLenses(doc));
  if (lenses) report(stats, 'codeLenses', rules.codeLenses(lenses));
  const actions = timed(stats, 'codeActions', () => service.codeActions(doc, all));
  if (actions) report(stats, 'codeActions', rules.codeActions(actions, doc.uri));

  if (!opts.layout) return;
  const devices = timed(stats, 'devicesOf', () => service.devicesOf(doc)) ?? [];
  for (const d of devices.slice(0, 3)) exerciseDevice(d, devices, doc.uri, rng, stats);
}

/** The layout view and the playground for one device, checked against their schemas. */
export function exerciseDevice(device: ResolvedDevice, workspace: readonly ResolvedDevice[], uri: string, rng: Rng, stats: FuzzStats): void {
  const view = timed(stats, 'layoutView', () => buildLayoutView({ device, workspace, context: { uri, fromDocument: true } }));
  if (view) {
    const r = layoutViewSchema.safeParse(JSON.parse(JSON.stringify(view)));
    if (!r.success) stats.finding('layoutView', `answer breaks the schema for ${device.name}: ${describeZodError(r.error)}`);
  }
  const { ops } = randomOps(rng, 20);
  const played = timed(stats, 'emulate', () => replayOps(device, ops));
  if (played) {
    const r = emulateResultSchema.safeParse(JSON.parse(JSON.stringify(played)));
    if (!r.success) stats.finding('emulate', `answer breaks the schema for ${device.name}: ${describeZodError(r.error)}`);
  }
}
