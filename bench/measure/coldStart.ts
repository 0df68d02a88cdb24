// Cold start: spawn the bundled server and time the initialize response
// (the server loads its WASM grammars there). Next to it, what Node alone
// and the grammar load alone cost on this machine, to explain the total.
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

export interface ColdStartTimes {
  readonly initializeMs: number[];
  /** CPU time of the server's main thread when initialize is answered (what the machine's load does not change). */
  readonly initializeRunMs: number[];
  readonly bareNodeMs: number[];
  /** CPU time of `node -e ""`'s main thread at its end. */
  readonly bareNodeRunMs: number[];
  readonly grammarsMs: number[];
}

// Prints its main thread's CPU time (ns) just before exiting.
const BARE = "process.stdout.write(require('fs').readFileSync('/proc/self/schedstat', 'utf8').split(' ')[0])";

export async function timeColdStart(runs: number): Promise<ColdStartTimes> {
  const out: ColdStartTimes = { initializeMs: [], initializeRunMs: [], bareNodeMs: [], bareNodeRunMs: [], grammarsMs: [] };
  for (let r = 0; r < runs; r++) {
    const c = await LspTestClient.start();
    out.initializeMs.push(c.initializeMs);
    const run = schedTimes(c.pid)?.runMs;
    if (run !== undefined) out.initializeRunMs.push(run);
    await c.stop();
    out.bareNodeMs.push((await timeSpawn(['-e', ''])).ms);
    const bare = Number((await timeSpawn(['-e', BARE]).catch(() => ({ stdout: '' }))).stdout) / 1e6;
    if (bare > 0) out.bareNodeRunMs.push(bare);
    out.grammarsMs.push(Number((await timeSpawn(['-e', GRAMMARS])).stdout));
  }
  return out;
}
