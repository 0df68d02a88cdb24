// Workspace trust: in an untrusted workspace vfio-lens still reads and
// annotates (the capability is declared "supported"), because nothing of the
// workspace is ever run: no process is spawned, no code is evaluated, no
// module is loaded from a computed path, and no setting names a program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/lspClient';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('package.json: untrusted workspaces are supported fully, no setting restricted, virtual workspaces declined', () => {
  const trust = pkg.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, true);
  assert.match(trust.description, /never runs anything from the workspace/);
  assert.equal(trust.restrictedConfigurations, undefined, 'no setting is dangerous in an untrusted workspace');
  // The server reads files from disk (profile files): a virtual file system is not supported.
  assert.equal(pkg.capabilities.virtualWorkspaces, false);
});

test('no setting names a program, a path to load code from, or a command line', () => {
  for (const name of Object.keys(pkg.contributes.configuration.properties)) {
    assert.doesNotMatch(name, /(path|command|exec|executable|binary|program|script|args)$/i, name);
  }
});

/** Every source file that ships: the client, the server (and CLI), the webview, the shared schemas. */
function shipped(): string[] {
  return ['client/src', 'server/src', 'shared', 'webview/src'].flatMap((dir) =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => path.relative(ROOT, path.join(e.parentPath ?? e.path, e.name))),
  );
}

const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/from ['"](?:node:)?child_process['"]|require\(['"](?:node:)?child_process['"]\)/, 'spawns processes'],
  [/from ['"](?:node:)?(?:vm|worker_threads|cluster)['"]/, 'runs code in a VM, a worker or a cluster'],
  [/\beval\s*\(/, 'evaluates a string'],
  [/\bnew Function\s*\(/, 'compiles a string'],
  [/\brequire\s*\(\s*[^'"`\s)]/, 'requires a computed path'],
  [/\bimport\s*\(\s*[^'"`\s)]/, 'imports a computed path'],
  [/\bprocess\.dlopen\b|\.node['"]\)/, 'loads a native module'],
  [/\bexecuteCommand\s*\(\s*(?!COMMANDS\[)[^'"`]/, 'runs a command whose id is computed'],
];

/**
 * The start-up launcher compiles and runs our own bundle (dist/server-main.js, dist/cli.js: a path
 * fixed next to itself, never from the workspace) through V8's code cache: that is its whole job.
 */
const LAUNCHER = 'server/src/boot/codeCache.ts';

test('shipped code spawns nothing, evaluates nothing, loads nothing from computed paths', () => {
  const hits: string[] = [];
  const files = shipped().filter((f) => f !== LAUNCHER);
  assert.ok(files.length > 50, `found ${files.length} source files`);
  for (const f of files) {
    fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      for (const [pattern, why] of FORBIDDEN) if (pattern.test(code)) hits.push(`${f}:${i + 1} ${why}: ${line.trim()}`);
    });
  }
  assert.deepEqual(hits, []);
});

test('the scan would see each of those', () => {
  const samples = ["import { spawn } from 'node:child_process';", "import vm from 'vm';", 'eval(text)', 'new Function(src)', 'require(file)', 'await import(modulePath)', 'vscode.commands.executeCommand(message.command)'];
  for (const s of samples) assert.ok(FORBIDDEN.some(([p]) => p.test(s)), s);
  assert.ok(!FORBIDDEN.some(([p]) => p.test("await vscode.commands.executeCommand(COMMANDS[message.command].id);")));
  assert.ok(!FORBIDDEN.some(([p]) => p.test("return require.resolve(pkg ? `${PACKAGE[pkg]}/${file}` : `web-tree-sitter/${file}`);")));
});

test('the launcher is only ever pointed at our own bundles, next to it', () => {
  const callers = shipped().filter((f) => /runWithCodeCache\(/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')) && f !== LAUNCHER);
  assert.deepEqual(callers.sort(), ['server/src/boot/cli.ts', 'server/src/boot/server.ts']);
  for (const f of callers) {
    const calls = fs.readFileSync(path.join(ROOT, f), 'utf8').match(/runWithCodeCache\(.*\);/g) ?? [];
    assert.equal(calls.length, 1, f);
    assert.match(calls[0], /^runWithCodeCache\(path\.join\(__dirname, '(server-main|cli)\.js'\)\);$/, f);
  }
});
