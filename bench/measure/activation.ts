// Extension activation in a real editor: the extension-host runner of the
// editor harness (code-server + headless Chromium standing in for `code`)
// runs bench/vscode/activation.ts once per editor start. Skipped, with the
// reason, where the editor is not installed (`npm run setup:editors`).
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../../test/support/lspClient';
import { generateDriver } from '../generate/driver';

export interface ActivationTimes {
  readonly editor: string;
  readonly activateMs: number[];
  readonly firstDiagnosticsMs: number[];
}

async function missing(): Promise<string | undefined> {
  const tools = (await import('../../scripts/editors/tools.mjs')) as { missingFor(suite: string): string | undefined };
  return tools.missingFor('vscode');
}

export async function timeActivation(runs: number, log: (s: string) => void): Promise<ActivationTimes | { skipped: string }> {
  const why = await missing();
  if (why) return { skipped: why };
  const outDir = path.join(ROOT, 'out', 'bench', 'vscode');
  await build({
    entryPoints: [path.join(ROOT, 'bench', 'vscode', 'activation.ts')],
    outfile: path.join(outDir, 'activation.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const times: ActivationTimes = { editor: '', activateMs: [], firstDiagnosticsMs: [] };
  let editor = '';
  for (let r = 0; r < runs; r++) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-bench-activation-'));
    try {
      const workspace = path.join(tmp, 'workspace');
      fs.mkdirSync(workspace);
      fs.writeFileSync(path.join(workspace, 'main.c'), generateDriver({ seed: r + 1 }));
      const result = path.join(tmp, 'result.json');
      log(`activation run ${r + 1}/${runs} (starts code-server and Chromium)…`);
      await runTests({
        vscodeExecutablePath: path.join(ROOT, 'scripts', 'editors', 'code-stand-in.mjs'),
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: path.join(outDir, 'activation.js'),
        launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
        extensionTestsEnv: { VFIO_LENS_BENCH_OUT: result },
      });
      const r1 = JSON.parse(fs.readFileSync(result, 'utf8')) as { editor: string; activateMs: number; firstDiagnosticsMs: number };
      editor = r1.editor;
      times.activateMs.push(r1.activateMs);
      times.firstDiagnosticsMs.push(r1.firstDiagnosticsMs);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { ...times, editor };
}
