// Runs headless Neovim with its built-in LSP client against `vfio-lens lsp
// --stdio` and a fixture, through a list of steps (driver.lua), and returns
// each step's result, typed. A hover assertion is one more step:
//
//   const [, diags, hover] = await neovim(t, { file: 'driver.c' }, [step.initialize(), step.diagnostics(), step.hover(pos)]);
//
// Neovim runs with --clean in a throw-away XDG home, in its own process group
// that is killed when the run ends, whatever happens.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic, Hover, InitializeResult, InlayHint, Position } from 'vscode-languageserver-protocol';
import type { z } from 'zod';
import type { RequestDecl } from '../../../shared/protocol';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'workspace');
/** All fixtures, and the sample workspace (its .vfio-lens.json makes gh200-lab the active device). */
export const FIXTURES_ROOT = path.join(ROOT, 'test', 'fixtures');
export const EXAMPLES = path.join(ROOT, 'examples');
const DRIVER = path.join(__dirname, 'driver.lua');
/** What a user's Neovim config runs (README): the CLI's language server over stdio. */
const SERVER_CMD = [process.execPath, path.join(ROOT, 'bin', 'vfio-lens.js'), 'lsp', '--stdio'];

export interface Step<R> {
  readonly spec: Record<string, unknown>;
  readonly parse: (raw: unknown) => R;
}

const as =
  <R>() =>
  (raw: unknown) =>
    raw as R;

export const step = {
  initialize: (): Step<Pick<InitializeResult, 'serverInfo' | 'capabilities'>> => ({ spec: { do: 'initialize' }, parse: as() }),
  /** The next publishDiagnostics for the buffer (the first after opening, or after an edit or a settings change). */
  diagnostics: (): Step<Diagnostic[]> => ({ spec: { do: 'diagnostics' }, parse: as() }),
  /** textDocument/hover at an LSP position (0-based line, UTF-16 character). */
  hover: (at: Position): Step<Hover | null> => ({ spec: { do: 'hover', ...at }, parse: as() }),
  /** vim.lsp.buf.hover() with the cursor at `at`: the lines of the floating window, or null when there is no hover. */
  hoverFloat: (at: Position): Step<string[] | null> => ({ spec: { do: 'hoverFloat', ...at }, parse: as() }),
  inlayHints: (): Step<InlayHint[] | null> => ({ spec: { do: 'inlayHints' }, parse: as() }),
  /** A vfio-lens request, its result checked against the declared schema. */
  request: <P extends z.ZodType, R extends z.ZodType>(decl: RequestDecl<P, R>, params: z.input<P>): Step<z.output<R>> => ({
    spec: { do: 'request', method: decl.method, params },
    parse: (raw) => decl.result.parse(raw),
  }),
  /** New `vfioLens` settings (workspace/didChangeConfiguration); follow with diagnostics() to wait until applied. */
  configure: (settings: Record<string, unknown>): Step<true> => ({ spec: { do: 'configure', settings }, parse: as() }),
  /** Replaces lines [first, last) of the buffer; returns the new document version. */
  edit: (first: number, last: number, lines: string[]): Step<number> => ({ spec: { do: 'edit', first, last, lines }, parse: as() }),
};

type Results<S extends readonly Step<unknown>[]> = { [K in keyof S]: S[K] extends Step<infer R> ? R : never };

export interface NeovimOptions {
  /** A file under test/fixtures/workspace, or an absolute path (see EXAMPLES, FIXTURES_ROOT). */
  file: string;
  settings?: Record<string, unknown>;
  /** Overrides Neovim's filetype detection (it becomes the LSP languageId). */
  filetype?: string;
  /** The workspace root the server scans for profile files (default: the file's folder). */
  rootDir?: string;
  timeoutMs?: number;
}

/** Runs the steps in one Neovim session; rejects with the failing step and Neovim's output. */
export async function neovim<const S extends readonly Step<unknown>[]>(opts: NeovimOptions, steps: S): Promise<Results<S>> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-nvim-'));
  const timeoutMs = opts.timeoutMs ?? 15000;
  const file = path.isAbsolute(opts.file) ? opts.file : path.join(FIXTURES, opts.file);
  const scriptFile = path.join(home, 'script.json');
  fs.writeFileSync(
    scriptFile,
    JSON.stringify({ cmd: SERVER_CMD, rootDir: opts.rootDir ?? path.dirname(file), settings: opts.settings, filetype: opts.filetype, timeoutMs, steps: steps.map((s) => s.spec) }),
  );
  const env = {
    ...process.env,
    VFIO_LENS_NVIM_SCRIPT: scriptFile,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
  };
  const bin = process.env.NVIM_PATH ?? 'nvim';
  // --clean: no user config or plugins; -n: no swap file; -i NONE: no shada.
  const child = spawn(bin, ['--headless', '--clean', '-n', '-i', 'NONE', file, '-c', `luafile ${DRIVER}`], { env, cwd: home, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.once('exit', killGroup);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b));
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  const overall = setTimeout(killGroup, timeoutMs * (steps.length + 1));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('@@vfio-lens '))
      .map((l) => JSON.parse(l.slice('@@vfio-lens '.length)) as { step: number; result?: unknown; error?: string });
    const failed = lines.find((l) => l.error !== undefined);
    if (failed) throw new Error(`Neovim step ${failed.step} (${JSON.stringify(steps[failed.step]?.spec ?? {})}) failed: ${failed.error}\n${stderr}`);
    if (code !== 0 || lines.length !== steps.length) throw new Error(`Neovim exited with ${code} after ${lines.length} of ${steps.length} steps\n${stdout}\n${stderr}`);
    return steps.map((s, i) => s.parse(lines[i].result)) as Results<S>;
  } finally {
    clearTimeout(overall);
    killGroup(); // the language server, if Neovim left it behind
    process.removeListener('exit', killGroup);
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export function fixtureText(file: string): string {
  return fs.readFileSync(path.isAbsolute(file) ? file : path.join(FIXTURES, file), 'utf8');
}
