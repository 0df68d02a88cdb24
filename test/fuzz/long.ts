// `npm run fuzz`: the long run. At least 100,000 documents and 10,000 edit
// sequences, split over worker threads (one per core), each case watched: a
// case that runs for more than WATCHDOG_MS is a hang, reported with its
// number (the seed and the number replay it alone). Prints a summary for the
// README and writes the full report to test-results/fuzz-long.json.
//
//   npm run fuzz [-- --seed N] [--documents N] [--edits N] [--workers N]
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import { runCampaign } from './campaign';
import { ROOT } from './corpus';
import { FuzzStats, FuzzSummary, LATENCY_BUDGET_MS } from './stats';

const WATCHDOG_MS = 60_000;

interface Job {
  seed: number;
  documents: number;
  edits: number;
  worker: number;
  workers: number;
}

type FromWorker = { case: string } | { done: FuzzSummary };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function work(job: Job): Promise<void> {
  const stats = await runCampaign({
    seed: job.seed,
    documents: { from: job.worker, to: job.documents, step: job.workers },
    editSequences: { from: job.worker, to: job.edits, step: job.workers },
    onCase: (name) => parentPort!.postMessage({ case: name } satisfies FromWorker),
  });
  parentPort!.postMessage({ done: stats.summary() } satisfies FromWorker);
}

let casesStarted = 0;

function runWorker(job: Job, hangs: string[]): Promise<FuzzSummary | undefined> {
  return new Promise((resolve) => {
    // Workers do not inherit tsx's loader: register it, then load this file.
    const w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: job });
    let current = '(start)';
    let last = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - last < WATCHDOG_MS) return;
      hangs.push(`${current}: no answer after ${WATCHDOG_MS / 1000} s (worker ${job.worker} stopped)`);
      clearInterval(timer);
      void w.terminate();
    }, 1000);
    let summary: FuzzSummary | undefined;
    w.on('message', (m: FromWorker) => {
      last = Date.now();
      if ('case' in m) {
        current = m.case;
        if (++casesStarted % 10_000 === 0) process.stdout.write(`  ${casesStarted} cases started (${Math.round(process.uptime())} s)\n`);
      } else summary = m.done;
    });
    w.on('error', (e) => hangs.push(`${current}: worker ${job.worker} died: ${e.stack ?? e}`));
    w.on('exit', () => {
      clearInterval(timer);
      resolve(summary);
    });
  });
}

async function main(): Promise<void> {
  const seed = Number(arg('seed') ?? Math.floor(Math.random() * 0xffff_ffff));
  const documents = Number(arg('documents') ?? 100_000);
  const edits = Number(arg('edits') ?? 10_000);
  const workers = Number(arg('workers') ?? Math.max(1, os.availableParallelism()));
  process.stdout.write(`vfio-lens fuzz: seed ${seed}, ${documents} documents, ${edits} edit sequences, ${workers} workers\n`);
  const t0 = Date.now();
  const hangs: string[] = [];
  const parts = await Promise.all(Array.from({ length: workers }, (_, worker) => runWorker({ seed, documents, edits, worker, workers }, hangs)));
  const total = new FuzzStats();
  for (const p of parts) if (p) total.merge(p);
  const s = total.summary();
  const seconds = Math.round((Date.now() - t0) / 1000);
  const report = { date: new Date().toISOString().slice(0, 10), seed, seconds, hangs, ...s };
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'test-results', 'fuzz-long.json'), JSON.stringify(report, null, 2) + '\n');
  const lines = [
    `date ${report.date}, seed ${seed}, ${Math.floor(seconds / 60)} min ${seconds % 60} s on ${workers} workers`,
    `${s.documents} documents, ${s.editSequences} edit sequences (${s.edits} edits), ${s.calls} calls`,
    `slowest call ${s.maxMs} ms (${s.maxWhat}, ${s.maxCase}); ${s.overBudget} calls over ${LATENCY_BUDGET_MS} ms (the first ${s.slow.length} below)`,
    `by analyzer ${JSON.stringify(s.byAnalyzer)}`,
    `findings ${s.findings.length}, hangs ${hangs.length}`,
    ...s.slow.slice(0, 20).map((x) => `  slow: ${x.ms} ms ${x.what} — ${x.case}`),
    ...s.findings.map((f) => `  finding: ${f.case}: ${f.what}: ${f.detail.split('\n')[0]}`),
    ...hangs.map((h) => `  hang: ${h}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  process.exitCode = s.findings.length || hangs.length || parts.some((p) => !p) ? 1 : 0;
}

if (isMainThread) void main();
else void work(workerData as Job);
