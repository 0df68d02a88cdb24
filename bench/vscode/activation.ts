// Runs inside VS Code's extension host (the module given as
// --extensionTestsPath): opens a C file in a workspace without profile
// files, so nothing activated vfio-lens before, and times open → activate()
// resolved (the client started its server and the server answered
// initialize) and open → the file's first diagnostics in the editor.
// Writes the times as JSON to $VFIO_LENS_BENCH_OUT.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import pkg from '../../package.json';

const TIMEOUT_MS = 60000;

function firstDiagnostics(uri: vscode.Uri): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri.fsPath} after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(performance.now());
    });
  });
}

export async function run(): Promise<void> {
  const out = process.env.VFIO_LENS_BENCH_OUT;
  if (!out) throw new Error('VFIO_LENS_BENCH_OUT is not set');
  const ext = vscode.extensions.getExtension(`${pkg.publisher}.${pkg.name}`);
  if (!ext) throw new Error('vfio-lens is not loaded');
  if (ext.isActive) throw new Error('vfio-lens was active before a C file was opened: the bench workspace must hold no profile file');
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the bench opens a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, 'main.c');
  const diagnostics = firstDiagnostics(uri);
  const t0 = performance.now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  // Opening the file fired onLanguage:c; activate() joins that activation (or starts it, if the event is still queued).
  await ext.activate();
  const ready = performance.now();
  const shown = await diagnostics;
  fs.writeFileSync(out, JSON.stringify({ editor: `${vscode.env.appName} ${vscode.version}`, activateMs: ready - t0, firstDiagnosticsMs: shown - t0 }));
}
