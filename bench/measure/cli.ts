// The CLI at scale, timed from spawn to exit as CI runs it: `vfio-lens
// check` over a generated driver tree, `vfio-lens emulate --jsonl` over
// generated cases. Outputs are checked so a fast failure cannot pass.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../test/support/lspClient';

const CLI = path.join(ROOT, 'dist', 'cli.js');
// GNU time, where installed, reports the CPU time the run took (user + system), which the machine's load does not change.
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CPU_LINE = /^vfio-lens-bench-cpu ([\d.]+) ([\d.]+)$/m;

export interface CliTime {
  readonly ms: number;
  readonly cpuMs?: number;
}

function run(args: string[], stdinFile?: string): Promise<{ ms: number; cpuMs?: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const [cmd, argv] = TIME ? [TIME, ['-f', 'vfio-lens-bench-cpu %U %S', process.execPath, CLI, ...args]] : [process.execPath, [CLI, ...args]];
    const child = spawn(cmd, argv, { stdio: [stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const cpu = CPU_LINE.exec(stderr);
      resolve({ ms: performance.now() - t0, code, stdout: Buffer.concat(out).toString(), stderr: stderr.replace(CPU_LINE, ''), ...(cpu ? { cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}) });
    });
    if (stdinFile) fs.createReadStream(stdinFile).pipe(child.stdin!);
  });
}

export async function timeCheck(dir: string, files: number): Promise<CliTime> {
  const r = await run(['check', dir, '--format', 'json']);
  const report = JSON.parse(r.stdout) as { files: number };
  if (r.code === 2 || report.files !== files) throw new Error(`vfio-lens check read ${report.files} of ${files} files (exit ${r.code}): ${r.stderr}`);
  return { ms: r.ms, ...(r.cpuMs !== undefined ? { cpuMs: r.cpuMs } : {}) };
}

export async function timeEmulate(casesFile: string, cases: number): Promise<CliTime> {
  const r = await run(['emulate', '--jsonl'], casesFile);
  const lines = r.stdout.split('\n').filter(Boolean);
  const bad = lines.find((l) => l.startsWith('{"error"'));
  if (r.code !== 0 || lines.length !== cases || bad) throw new Error(`vfio-lens emulate: exit ${r.code}, ${lines.length} of ${cases} results${bad ? `, ${bad}` : ''}`);
  return { ms: r.ms, ...(r.cpuMs !== undefined ? { cpuMs: r.cpuMs } : {}) };
}
