// `vfio-lens check PATH…`: every analyzer over files and folders, with the
// diagnostics printed the way kernel tools print them (or as JSON). Profile
// files are read first so the other files see the workspace's devices.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { readSettings } from '../../../shared/settings';
import type { AnalysisContext } from '../analysis';
import { createAnalyzers } from '../analyzers';
import { isProfileFileName, languageOfPath } from '../languages';
import { parseKernel } from '../model';
import { initTreeSitter } from '../parsing/treeSitter';
import { ProfileStore } from '../profiles/activeProfile';
import { LanguageService } from '../service';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, UsageError } from './exitCodes';
import { parsePageSize } from './args';

export const CHECK_USAGE = 'usage: vfio-lens check PATH… [--kernel VERSION] [--page-size 4096|65536] [--format text|json]';

const SKIP_DIRS = new Set(['node_modules', '.git']);

interface Found {
  readonly files: string[];
  readonly problems: string[];
}

/** Files under the given paths that some language of vfio-lens covers, in a stable order. */
function collect(paths: readonly string[]): Found {
  const files: string[] = [];
  const problems: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(`${dir}: ${(e as Error).message}`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(full);
      } else if (e.isFile() && languageOfPath(full)) files.push(full);
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      problems.push(`${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else if (languageOfPath(p)) files.push(p);
    else problems.push(`${p}: not a file vfio-lens reads (C, JSON profiles, ASL, shell, XML, lspci)`);
  }
  return { files: [...new Set(files)], problems };
}

/**
 * Profile files in the folders above the checked paths, up to the repository root (a folder
 * holding `.git`): `vfio-lens check vm/gpu.sh` reads the `.vfio-lens.json` of the workspace the way
 * the editor does, so a file gives the same findings whether checked alone or with its folder.
 */
function profilesAbove(paths: readonly string[]): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    let dir: string;
    try {
      dir = fs.statSync(p).isDirectory() ? path.resolve(p) : path.dirname(path.resolve(p));
    } catch {
      continue;
    }
    for (;;) {
      if (seen.has(dir)) break;
      seen.add(dir);
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir);
      } catch {
        /* an unreadable ancestor holds no profile we can use */
      }
      for (const n of names.sort()) if (isProfileFileName(n)) found.push(path.join(dir, n));
      const parent = path.dirname(dir);
      if (names.includes('.git') || parent === dir) break;
      dir = parent;
    }
  }
  return found;
}

const SEVERITY: Record<number, 'error' | 'warning' | 'note'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

export interface CheckedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: 'error' | 'warning' | 'note';
  readonly code: string;
  readonly message: string;
}

function flatten(file: string, ds: readonly Diagnostic[]): CheckedDiagnostic[] {
  return [...ds]
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => ({
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error],
      code: String(d.code ?? ''),
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }));
}

export async function runCheck(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      kernel: { type: 'string', default: 'mainline' },
      'page-size': { type: 'string', default: '65536' },
      format: { type: 'string', default: 'text' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (!positionals.length) throw new UsageError(CHECK_USAGE);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  const k = parseKernel(values.kernel);
  if (!k.ok) throw new UsageError(`--kernel: ${k.message}`);
  const pageSize = parsePageSize(values['page-size']);

  await initTreeSitter();
  const { settings } = readSettings({ kernel: values.kernel, pageSize });
  const profiles = new ProfileStore(settings);
  let revision = 0;
  const context = (): AnalysisContext => ({ settings, profile: profiles.active(), profiles, revision });
  const service = new LanguageService(createAnalyzers(), context, { error: (m) => err(m) });

  const found = collect(positionals);
  const unreadable = [...found.problems];
  const checked = new Set(found.files.map((f) => path.resolve(f)));
  const around = profilesAbove(positionals).filter((f) => !checked.has(f));
  // Profiles from the folders above are read for their devices, not reported on.
  for (const file of around) {
    try {
      const doc = TextDocument.create(`file://${file}`, 'json', 1, fs.readFileSync(file, 'utf8'));
      const devices = service.devicesOf(doc);
      if (devices !== undefined) profiles.setFileDevices(doc.uri, devices);
    } catch (e) {
      unreadable.push(`${file}: ${(e as Error).message}`);
    }
  }
  const docs: Array<{ file: string; doc: TextDocument }> = [];
  for (const file of found.files) {
    try {
      const text = fs.readFileSync(file, 'utf8');
      docs.push({ file, doc: TextDocument.create(`file://${path.resolve(file)}`, languageOfPath(file)!, 1, text) });
    } catch (e) {
      unreadable.push(`${file}: ${(e as Error).message}`);
    }
  }
  // Devices first: a QEMU line or a driver elsewhere is checked against them.
  for (const { doc } of docs) {
    const devices = service.devicesOf(doc);
    if (devices !== undefined) profiles.setFileDevices(doc.uri, devices);
  }
  revision++;

  const all: CheckedDiagnostic[] = [];
  for (const { file, doc } of docs) {
    all.push(...flatten(file, service.diagnostics(doc)));
    service.didClose(doc);
  }
  const count = (s: CheckedDiagnostic['severity']) => all.filter((d) => d.severity === s).length;
  const summary = { files: docs.length, errors: count('error'), warnings: count('warning'), notes: count('note') };
  const usedProfiles = [...docs.map((d) => d.file).filter((f) => isProfileFileName(f)), ...around.map((f) => path.relative(process.cwd(), f) || f)];
  for (const u of unreadable) err(`vfio-lens: ${u}`);
  if (values.format === 'json') {
    out(JSON.stringify({ diagnostics: all, ...summary, profiles: usedProfiles, unreadable }, null, 2));
  } else {
    for (const d of all) out(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
    const using = usedProfiles.length ? `; devices from ${usedProfiles.join(', ')}` : `; no device profile found: numbers are for the ${profiles.active().name} preset`;
    err(`${summary.files} file${summary.files === 1 ? '' : 's'} checked: ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.notes} note${summary.notes === 1 ? '' : 's'}${using}`);
  }
  if (unreadable.length) return EXIT_BAD_INPUT;
  return summary.errors ? EXIT_FINDINGS : EXIT_OK;
}
