#!/usr/bin/env node
// `npm run bench`: hover latency (ours next to clangd), edit → diagnostics,
// analysis throughput against the raw parse, cold start, extension
// activation, the CLI at scale and peak memory. Prints a table and writes
// bench/results.json. Targets are reported, never enforced.
//
//   npm run bench                         everything, 3 repeats
//   npm run bench -- --repeat 5           more repeats
//   npm run bench -- --only hover,edit    some measurements (hover edit analysis cold activation cli)
//   npm run bench -- --quick              small sizes, 1 repeat: checks that the bench runs
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { LspTestClient, ROOT } from '../test/support/lspClient';
import { Clangd, clangdArgs, ensureClangd, writeClangdWorkspace } from './clangd';
import { generateDriver } from './generate/driver';
import { emulateCases } from './generate/emulateCases';
import { writeDriverTree } from './generate/tree';
import { timeActivation } from './measure/activation';
import { timeAnalysis } from './measure/analysis';
import { CliTime, timeCheck, timeEmulate } from './measure/cli';
import { timeColdStart } from './measure/coldStart';
import { timeEdits } from './measure/edits';
import { HoverTarget, timeHovers } from './measure/hover';
import { hoverPositions } from './positions';
import { BenchResults, formatReport, HoverResults, isSkipped } from './report';
import { LatencySummary, rounded, spread, summarize } from './stats';

const ALL = ['hover', 'edit', 'analysis', 'cold', 'activation', 'cli'] as const;

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '3' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'results.json') },
  },
});
const quick = values.quick;
const repeats = quick ? 1 : Number(values.repeat);
const only = new Set(values.only ? values.only.split(',') : ALL);
for (const o of only) if (!(ALL as readonly string[]).includes(o)) throw new Error(`--only: unknown measurement "${o}" (${ALL.join(', ')})`);

const SIZES = quick
  ? { largeLines: 2000, positions: { fixture: 20, large: 100 }, edits: 20, largeEdits: 5, analysisBytes: 100_000, cold: 2, activation: 1, treeFiles: 20, cases: 1000 }
  : { largeLines: 20000, positions: { fixture: 100, large: 800 }, edits: 200, largeEdits: 30, analysisBytes: 750_000, cold: 10, activation: 3, treeFiles: 500, cases: 100_000 };

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function peakRssMiB(pid: number | undefined): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const FIXTURES = ['test/fixtures/drivers/nvg-6.9.c', 'test/fixtures/drivers/nvg-6.14.c', 'test/fixtures/drivers/legacy-io.c', 'examples/driver/main.c'];

async function hoverAndMemory(work: string, clangd: Clangd | { skipped: string }, results: Record<string, unknown>): Promise<void> {
  const files = [
    ...FIXTURES.map((f) => ({ name: f.replace(/\//g, '_'), text: fs.readFileSync(path.join(ROOT, f), 'utf8'), count: SIZES.positions.fixture })),
    { name: `generated-${SIZES.largeLines}.c`, text: generateDriver({ lines: SIZES.largeLines }), count: SIZES.positions.large },
  ];
  writeClangdWorkspace(work, files);
  const uri = (name: string) => `file://${path.join(work, name)}`;
  const targets: HoverTarget[] = files.flatMap((f) => hoverPositions(f.text, f.count).map((position) => ({ uri: uri(f.name), position })));
  log(`hover: ${targets.length} positions over ${files.length} files; starting vfio-lens${isSkipped(clangd) ? '' : ` and clangd ${clangd.version}`}`);
  const clients: LspTestClient[] = [await LspTestClient.start()];
  if (!isSkipped(clangd)) clients.push(await LspTestClient.start({ command: { cmd: clangd.path, args: clangdArgs(), cwd: work }, workspaceFolders: [work] }));
  try {
    // Each server has parsed a file once it published its diagnostics.
    for (const f of files) await Promise.all(clients.map((c) => c.open(uri(f.name), 'c', f.text)));
    const ours: LatencySummary[] = [];
    const theirs: LatencySummary[] = [];
    const oursAnswered: LatencySummary[] = [];
    const clangdAnswered: LatencySummary[] = [];
    const oursRun: LatencySummary[] = [];
    const oursWait: LatencySummary[] = [];
    let answered: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t = await timeHovers(clients, targets, r === 0 ? 100 : 0);
      ours.push(summarize(t.samples[0]));
      if (t.samples[1]) theirs.push(summarize(t.samples[1]));
      oursAnswered.push(summarize(t.answeredSamples[0]));
      if (t.serverRun[0].length) {
        oursRun.push(summarize(t.serverRun[0]));
        oursWait.push(summarize(t.serverWait[0]));
      }
      if (t.answeredSamples[1]) clangdAnswered.push(summarize(t.answeredSamples[1]));
      answered = t.answered;
      log(`hover run ${r + 1}/${repeats}: ours p50 ${ours[r].p50.toFixed(2)} ms${theirs[r] ? `, clangd p50 ${theirs[r].p50.toFixed(2)} ms` : ''}`);
    }
    const hover: HoverResults = {
      positions: targets.length,
      files: files.map((f) => ({ name: f.name, lines: f.text.split('\n').length, positions: targets.filter((t) => t.uri === uri(f.name)).length })),
      ours,
      clangd: isSkipped(clangd) ? clangd : theirs,
      answered: { ours: answered[0] / targets.length, ...(answered[1] !== undefined ? { clangd: answered[1] / targets.length } : {}) },
      oursAnswered,
      ...(clangdAnswered.length ? { clangdAnswered } : {}),
      ...(oursRun.length ? { oursRun, oursWait } : {}),
    };
    results.hover = hover;
    const oursRss = peakRssMiB(clients[0].pid);
    if (oursRss !== undefined) results.memory = { oursPeakRssMiB: oursRss, ...(clients[1] ? { clangdPeakRssMiB: peakRssMiB(clients[1].pid) } : {}) };
  } finally {
    for (const c of clients) await c.stop().catch(() => c.kill());
  }
}

async function edits(results: Record<string, unknown>): Promise<void> {
  const text = generateDriver({ lines: 2000 });
  const large = generateDriver({ lines: SIZES.largeLines });
  log(`edit → diagnostics: ${SIZES.edits} edits on ${text.split('\n').length} lines, ${SIZES.largeEdits} on ${large.split('\n').length}`);
  const runs: LatencySummary[] = [];
  const defineEdits: LatencySummary[] = [];
  const serverRun: LatencySummary[] = [];
  const serverWait: LatencySummary[] = [];
  const largeRuns: LatencySummary[] = [];
  for (let r = 0; r < repeats; r++) {
    const c = await LspTestClient.start();
    try {
      await c.open('file:///bench/edit.c', 'c', text);
      const t = await timeEdits(c, 'file:///bench/edit.c', text, SIZES.edits);
      runs.push(summarize(t.all));
      defineEdits.push(summarize(t.defines));
      if (t.serverRun.length) {
        serverRun.push(summarize(t.serverRun));
        serverWait.push(summarize(t.serverWait));
      }
      await c.open('file:///bench/large.c', 'c', large);
      largeRuns.push(summarize((await timeEdits(c, 'file:///bench/large.c', large, SIZES.largeEdits)).all));
    } finally {
      await c.stop().catch(() => c.kill());
    }
    log(`edit run ${r + 1}/${repeats}: p95 ${runs[r].p95.toFixed(1)} ms (large file p95 ${largeRuns[r].p95.toFixed(1)} ms)`);
  }
  results.edit = {
    file: { lines: text.split('\n').length, bytes: text.length },
    edits: SIZES.edits,
    runs,
    defineEdits,
    ...(serverRun.length ? { serverRun, serverWait } : {}),
    large: { lines: large.split('\n').length, edits: SIZES.largeEdits, runs: largeRuns },
  };
}

async function analysis(results: Record<string, unknown>): Promise<void> {
  const text = generateDriver({ bytes: SIZES.analysisBytes });
  log(`analysis: ${(text.length / 1024).toFixed(0)} KiB, ${repeats + 2} rounds`);
  // At least 3 rounds even for 1 repeat: one parse is too noisy to divide by.
  const t = await timeAnalysis(text, Math.max(3, repeats));
  results.analysis = {
    bytes: text.length,
    lines: text.split('\n').length,
    parseMs: spread(t.parseMs),
    analysisMs: spread(t.analysisMs),
    ratio: spread(t.analysisMs.map((a, i) => a / t.parseMs[i])),
    cpuRatio: spread(t.analysisCpuMs.map((a, i) => a / t.parseCpuMs[i])),
    diagnosticsMs: spread(t.diagnosticsMs),
    facts: t.facts,
  };
}

async function cli(work: string, results: Record<string, unknown>): Promise<void> {
  const tree = path.join(work, 'tree');
  const info = writeDriverTree(tree, SIZES.treeFiles);
  const cases = path.join(work, 'cases.jsonl');
  fs.writeFileSync(cases, emulateCases(SIZES.cases));
  log(`cli: check over ${info.files.length} files, emulate over ${SIZES.cases} cases`);
  const check: CliTime[] = [];
  const emulate: CliTime[] = [];
  for (let r = 0; r < repeats; r++) {
    check.push(await timeCheck(tree, info.files.length));
    emulate.push(await timeEmulate(cases, SIZES.cases));
  }
  const cpu = (xs: CliTime[]) => (xs.every((x) => x.cpuMs !== undefined) ? { cpuMs: spread(xs.map((x) => x.cpuMs!)) } : {});
  results.cli = {
    check: { files: info.files.length, bytes: info.bytes, ms: spread(check.map((x) => x.ms)), ...cpu(check) },
    emulate: { cases: SIZES.cases, ms: spread(emulate.map((x) => x.ms)), ...cpu(emulate) },
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-bench-'));
  const clangd = only.has('hover') ? ensureClangd(log) : { skipped: 'not asked for' };
  const cpus = os.cpus();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.versions.node,
      loadBefore: os.loadavg()[0],
      ...(isSkipped(clangd) ? {} : { clangd: clangd.version }),
    },
    repeats,
  };
  try {
    if (only.has('hover')) await hoverAndMemory(work, clangd, results);
    if (only.has('edit')) await edits(results);
    if (only.has('analysis')) await analysis(results);
    if (only.has('cold')) {
      log(`cold start: ${SIZES.cold} spawns`);
      const c = await timeColdStart(SIZES.cold);
      results.coldStart = {
        initializeMs: spread(c.initializeMs),
        firstDiagnosticsMs: spread(c.firstDiagnosticsMs),
        bareNodeMs: spread(c.bareNodeMs),
        grammarsMs: spread(c.grammarsMs),
        ...(c.initializeRunMs.length && c.bareNodeRunMs.length ? { initializeRunMs: spread(c.initializeRunMs), bareNodeRunMs: spread(c.bareNodeRunMs) } : {}),
      };
    }
    if (only.has('cli')) await cli(work, results);
    if (only.has('activation')) {
      const a = await timeActivation(SIZES.activation, log);
      results.activation = isSkipped(a) ? a : { editor: a.editor, activateMs: spread(a.activateMs), firstDiagnosticsMs: spread(a.firstDiagnosticsMs) };
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  (results.machine as Record<string, unknown>).loadAfter = os.loadavg()[0];
  const final = rounded(results) as unknown as BenchResults;
  fs.writeFileSync(values.out!, JSON.stringify(final, null, 2) + '\n');
  process.stdout.write(formatReport(final) + '\n');
  log(`wrote ${path.relative(process.cwd(), values.out!)}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
