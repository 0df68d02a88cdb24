// Cold start: spawn the bundled server and time the initialize response
// (the server starts loading its WASM grammars there and finishes while the
// client sends `initialized`), then the first diagnostics of a small driver
// opened right away: when the server is really of use. Next to it, what Node
// alone and the grammar load alone cost on this machine, to explain the total.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { LspTestClient, ROOT } from '../../test/support/lspClient';
import { schedTimes } from '../schedstat';

function timeSpawn(args: string[]): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, stdout }) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

// The grammars as the server loads them, in a fresh process, timed inside it.
const GRAMMARS = `
const t0 = performance.now();
const { Parser, Language } = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'web-tree-sitter', 'tree-sitter.cjs'))});
const fs = require('fs');
const dir = ${JSON.stringify(path.join(ROOT, 'dist', 'grammars'))};
Parser.init({ locateFile: (f) => require('path').join(dir, f) })
  .then(() => Language.load(fs.readFileSync(dir + '/tree-sitter-c.wasm')))
  .then(() => Language.load(fs.readFileSync(dir + '/tree-sitter-bash.wasm')))
  .then(() => console.log(performance.now() - t0));
`;

const SMALL_DRIVER = '#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX\n#define MEMBLK_SIZE SZ_512M\nstatic u64 off = VFIO_PCI_INDEX_TO_OFFSET(RESMEM_REGION_INDEX);\n';

export interface ColdStartTimes {
  readonly initializeMs: number[];
  /** CPU time of the server's main thread when initialize is answered (what the machine's load does not change). */
  readonly initializeRunMs: number[];
  /** Spawn → the first publishDiagnostics of a small C file opened right after initialize. */
  readonly firstDiagnosticsMs: number[];
  readonly bareNodeMs: number[];
  /** CPU time of `node -e ""`'s main thread at its end. */
  readonly bareNodeRunMs: number[];
  readonly grammarsMs: number[];
}

// Prints its main thread's CPU time (ns) just before exiting.
const BARE = "process.stdout.write(require('fs').readFileSync('/proc/self/schedstat', 'utf8').split(' ')[0])";

export async function timeColdStart(runs: number): Promise<ColdStartTimes> {
  const out: ColdStartTimes = { initializeMs: [], initializeRunMs: [], firstDiagnosticsMs: [], bareNodeMs: [], bareNodeRunMs: [], grammarsMs: [] };
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const c = await LspTestClient.start();
    out.initializeMs.push(c.initializeMs);
    const run = schedTimes(c.pid)?.runMs;
    if (run !== undefined) out.initializeRunMs.push(run);
    await c.open('file:///bench/cold.c', 'c', SMALL_DRIVER);
    out.firstDiagnosticsMs.push(performance.now() - t0);
    await c.stop();
    out.bareNodeMs.push((await timeSpawn(['-e', ''])).ms);
    const bare = Number((await timeSpawn(['-e', BARE]).catch(() => ({ stdout: '' }))).stdout) / 1e6;
    if (bare > 0) out.bareNodeRunMs.push(bare);
    out.grammarsMs.push(Number((await timeSpawn(['-e', GRAMMARS])).stdout));
  }
  return out;
}
