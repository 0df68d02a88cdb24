// The bench's results as data, the targets they are judged against, and the
// table `npm run bench` prints. Pure: tests feed it made-up results.
import { LatencySummary, Spread, percentile, spread } from './stats';

export interface Skipped {
  readonly skipped: string;
}

export interface HoverResults {
  readonly positions: number;
  readonly files: ReadonlyArray<{ readonly name: string; readonly lines: number; readonly positions: number }>;
  /** Per repeat. */
  readonly ours: readonly LatencySummary[];
  readonly clangd: readonly LatencySummary[] | Skipped;
  /** Share of positions with a non-empty answer. */
  readonly answered: { readonly ours: number; readonly clangd?: number };
  /** Latency over the positions each server answered with content, per repeat. */
  readonly oursAnswered?: readonly LatencySummary[];
  /** Per hover, our server's main thread running and waiting for a CPU, per repeat. */
  readonly oursRun?: readonly LatencySummary[];
  readonly oursWait?: readonly LatencySummary[];
  readonly clangdAnswered?: readonly LatencySummary[];
}

export interface EditResults {
  readonly file: { readonly lines: number; readonly bytes: number };
  readonly edits: number;
  readonly runs: readonly LatencySummary[];
  /** Per edit: the server's main thread running, and waiting for a CPU (other processes' load). */
  readonly serverRun?: readonly LatencySummary[];
  readonly serverWait?: readonly LatencySummary[];
  /** Edits of a #define value, which rebuild the macro table (a subset of runs). */
  readonly defineEdits: readonly LatencySummary[];
  readonly large?: { readonly lines: number; readonly edits: number; readonly runs: readonly LatencySummary[] };
}

export interface AnalysisResults {
  readonly bytes: number;
  readonly lines: number;
  /** Wall time. */
  readonly parseMs: Spread;
  readonly analysisMs: Spread;
  readonly ratio: Spread;
  /** Time the measuring thread ran on a CPU: the same ratio, less disturbed by other processes. */
  readonly cpuRatio?: Spread;
  /** The part an edit waits for (diagnostics; hovers, hints and lenses come when asked). */
  readonly diagnosticsMs?: Spread;
}

export interface ColdStartResults {
  readonly initializeMs: Spread;
  /** Spawn → first diagnostics of a small C file opened right after initialize (grammars loaded, profiles scanned). */
  readonly firstDiagnosticsMs: Spread;
  /** The server's main thread on a CPU until initialize is answered, and `node -e ""`'s until it ends. */
  readonly initializeRunMs?: Spread;
  readonly bareNodeRunMs?: Spread;
  /** Spawn → exit of `node -e ""`: what Node alone costs here. */
  readonly bareNodeMs: Spread;
  /** Loading the two WASM grammars in a fresh process. */
  readonly grammarsMs: Spread;
}

export interface ActivationResults {
  readonly editor: string;
  /** Open a C file → activate() resolved (client running, server initialized). */
  readonly activateMs: Spread;
  /** Open a C file → its first diagnostics in the editor. */
  readonly firstDiagnosticsMs: Spread;
}

export interface CliResults {
  /** Wall time, and CPU time (user + system) where GNU time can say. */
  readonly check: { readonly files: number; readonly bytes: number; readonly ms: Spread; readonly cpuMs?: Spread };
  readonly emulate: { readonly cases: number; readonly ms: Spread; readonly cpuMs?: Spread };
}

export interface MemoryResults {
  /** Peak resident set (VmHWM) after the large file was opened and hovered. */
  readonly oursPeakRssMiB: number;
  readonly clangdPeakRssMiB?: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: Record<string, string | number>;
  readonly repeats: number;
  readonly hover?: HoverResults;
  readonly edit?: EditResults;
  readonly analysis?: AnalysisResults;
  readonly coldStart?: ColdStartResults;
  readonly activation?: ActivationResults | Skipped;
  readonly cli?: CliResults;
  readonly memory?: MemoryResults;
}

export function isSkipped(x: unknown): x is Skipped {
  return typeof x === 'object' && x !== null && 'skipped' in x;
}

const median = (xs: readonly number[]) => percentile(xs, 50);

/** The median over repeats of one statistic. */
export function across(runs: readonly LatencySummary[], key: keyof LatencySummary): number {
  return runs.length ? median(runs.map((r) => r[key])) : NaN;
}

/** Per-repeat ratios ours/clangd of one statistic. */
export function hoverRatios(h: HoverResults, key: 'p50' | 'p95' | 'p99' = 'p50'): number[] {
  if (isSkipped(h.clangd)) return [];
  const theirs = h.clangd;
  return h.ours.map((o, i) => o[key] / theirs[i][key]);
}

export interface TargetRow {
  readonly label: string;
  readonly value: number | undefined;
  readonly limit: number;
  readonly unit: string;
  /** undefined: not measured in this run. */
  readonly pass: boolean | undefined;
}

/** The issue's targets. The bench reports them; nothing fails on them. */
export function targets(r: BenchResults): TargetRow[] {
  const row = (label: string, value: number | undefined, limit: number, unit: string): TargetRow => ({
    label,
    value,
    limit,
    unit,
    pass: value === undefined || Number.isNaN(value) ? undefined : value <= limit,
  });
  const ratios = r.hover ? hoverRatios(r.hover) : [];
  return [
    row('hover p99', r.hover ? across(r.hover.ours, 'p99') : undefined, 5, 'ms'),
    row('hover p50 ours/clangd', ratios.length ? median(ratios) : undefined, 0.5, '×'),
    row('edit → diagnostics p95', r.edit ? across(r.edit.runs, 'p95') : undefined, 30, 'ms'),
    row('analysis / raw parse', r.analysis?.ratio.median, 1.5, '×'),
    row('cold start (spawn → initialize)', r.coldStart?.initializeMs.median, 150, 'ms'),
    row('emulate 100,000 cases', r.cli ? r.cli.emulate.ms.median : undefined, 3000, 'ms'),
  ];
}

function num(v: number | undefined, unit = ''): string {
  if (v === undefined || Number.isNaN(v)) return 'n/a';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit}`;
}

function range(s: Spread, unit = ''): string {
  return s.runs.length > 1 ? `${num(s.median, unit)} (${num(s.min)}–${num(s.max)})` : num(s.median, unit);
}

function across3(runs: readonly LatencySummary[], unit = ' ms'): string {
  const part = (k: keyof LatencySummary) => {
    const xs = runs.map((r) => r[k]);
    return runs.length > 1 ? `${num(median(xs))} (${num(Math.min(...xs))}–${num(Math.max(...xs))})` : num(xs[0]);
  };
  return `p50 ${part('p50')} · p95 ${part('p95')} · p99 ${part('p99')}${unit}`;
}

function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

/** What `npm run bench` prints: the measurements (median over repeats, min–max in brackets), then the targets. */
export function formatReport(r: BenchResults): string {
  const lines: string[] = [];
  const add = (what: string, value: string) => lines.push(`${what.padEnd(34)} ${value}`);
  lines.push(`vfio-lens bench · ${r.date} · ${r.machine.cpu} × ${r.machine.cores} · Node ${r.machine.node} · ${r.repeats} repeat${r.repeats === 1 ? '' : 's'}`, '');
  if (r.hover) {
    const h = r.hover;
    add(`hover, ours (${h.positions} positions)`, across3(h.ours));
    if (isSkipped(h.clangd)) add('hover, clangd', `skipped: ${h.clangd.skipped}`);
    else {
      add(`hover, clangd ${r.machine.clangd ?? ''}`.trimEnd(), across3(h.clangd));
      add('hover ratio ours/clangd', `p50 ${range(spread(hoverRatios(h, 'p50')), '×')} · p99 ${range(spread(hoverRatios(h, 'p99')), '×')}`);
    }
    add('hover answered', `ours ${(h.answered.ours * 100).toFixed(0)} %${h.answered.clangd !== undefined ? ` · clangd ${(h.answered.clangd * 100).toFixed(0)} %` : ''}`);
    if (h.oursAnswered?.length) add('  ours, answered positions only', across3(h.oursAnswered));
    if (h.clangdAnswered?.length) add('  clangd, answered positions only', across3(h.clangdAnswered));
    if (h.oursRun?.length && h.oursWait?.length) {
      add('  our server running per hover', across3(h.oursRun));
      add('  our server waiting for a CPU', across3(h.oursWait));
    }
  }
  if (r.edit) {
    add(`edit → diagnostics (${r.edit.file.lines} lines)`, across3(r.edit.runs));
    add('  of which #define edits', across3(r.edit.defineEdits));
    if (r.edit.serverRun?.length && r.edit.serverWait?.length) {
      add('  server running per edit', across3(r.edit.serverRun));
      add('  server waiting for a CPU', across3(r.edit.serverWait));
    }
    if (r.edit.large) add(`edit → diagnostics (${r.edit.large.lines} lines)`, across3(r.edit.large.runs));
  }
  if (r.analysis) {
    const a = r.analysis;
    add(`analysis of ${(a.bytes / 1024).toFixed(0)} KiB (${a.lines} lines)`, `${range(a.analysisMs, ' ms')} vs raw parse ${range(a.parseMs, ' ms')} → ${range(a.ratio, '×')}`);
    if (a.cpuRatio) add('  in time on a CPU', range(a.cpuRatio, '×'));
    if (a.diagnosticsMs) add('  of which diagnostics', range(a.diagnosticsMs, ' ms'));
  }
  if (r.coldStart) {
    const c = r.coldStart;
    add('cold start: spawn → initialize', `${range(c.initializeMs, ' ms')} (bare node ${range(c.bareNodeMs, ' ms')}, grammars ${range(c.grammarsMs, ' ms')})`);
    if (c.initializeRunMs && c.bareNodeRunMs) add('  main thread on a CPU', `${range(c.initializeRunMs, ' ms')} (bare node ${range(c.bareNodeRunMs, ' ms')})`);
    add('  spawn → first diagnostics', range(c.firstDiagnosticsMs, ' ms'));
  }
  if (r.activation) {
    if (isSkipped(r.activation)) add('extension activation', `skipped: ${r.activation.skipped}`);
    else {
      add(`activation (${r.activation.editor})`, `open → ready ${range(r.activation.activateMs, ' ms')} · open → diagnostics ${range(r.activation.firstDiagnosticsMs, ' ms')}`);
    }
  }
  if (r.cli) {
    const cpu = (s?: Spread) => (s ? `, CPU ${range(s, ' ms')}` : '');
    add(`vfio-lens check, ${r.cli.check.files} files`, `${range(r.cli.check.ms, ' ms')} (${(r.cli.check.bytes / 1024 / 1024).toFixed(1)} MiB${cpu(r.cli.check.cpuMs)})`);
    add(`vfio-lens emulate, ${r.cli.emulate.cases.toLocaleString('en')} cases`, `${range(r.cli.emulate.ms, ' ms')}${r.cli.emulate.cpuMs ? ` (CPU ${range(r.cli.emulate.cpuMs, ' ms')})` : ''}`);
  }
  if (r.memory) add('peak RSS after the large file', `ours ${num(r.memory.oursPeakRssMiB, ' MiB')}${r.memory.clangdPeakRssMiB !== undefined ? ` · clangd ${num(r.memory.clangdPeakRssMiB, ' MiB')}` : ''}`);
  lines.push('', 'targets (reported, never failing the run):');
  const rows = targets(r).map((t) => [t.label, `${num(t.value)}${t.value === undefined ? '' : ` ${t.unit}`}`, `≤ ${t.limit} ${t.unit}`, t.pass === undefined ? 'not measured' : t.pass ? 'pass' : 'FAIL']);
  lines.push(table([['target', 'median', 'limit', ''], ...rows]).replace(/^/gm, '  '));
  return lines.join('\n');
}

