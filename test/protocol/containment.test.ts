// A crash in one analyzer stays in its document and is logged once, over real
// JSON-RPC. The server is bundled here from the real sources with one module
// swapped (analyzers/index.ts → support/crashingAnalyzers.ts, which adds an
// analyzer that always throws): production code carries no test hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { fixtures } from '../support/snippets';
import { ROOT, startServer } from '../support/lspClient';

async function crashingServer(): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-crash-')), 'server.js');
  const swap = path.join(ROOT, 'test/protocol/support/crashingAnalyzers.ts');
  await build({
    entryPoints: [path.join(ROOT, 'server/src/server.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    absWorkingDir: ROOT,
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
    plugins: [{
      name: 'swap-analyzers',
      setup: (b) => b.onResolve({ filter: /^\.\/analyzers$/ }, (a) => (a.importer.endsWith(path.join('server', 'src', 'languageServer.ts')) ? { path: swap } : undefined)),
    }],
  });
  return out;
}

test('an analyzer that throws: its document gets no diagnostics, the failure is logged once, other documents are analysed', { timeout: 60_000 }, async (t) => {
  const serverPath = await crashingServer();
  const c = await startServer(t, { serverPath, env: { VFIO_LENS_GRAMMARS: path.join(ROOT, 'dist', 'grammars') } });
  const bad = 'file:///w/notes.crash';
  assert.deepEqual(await c.open(bad, 'plaintext', 'anything\n'), []);
  // Everything asked about the failing document answers empty, several times over, after edits too.
  for (let i = 0; i < 3; i++) {
    assert.equal(await c.hover(bad, { line: 0, character: 2 }), null);
    assert.deepEqual(await c.inlayHints(bad, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }), []);
    assert.deepEqual(await c.codeLenses(bad), []);
    assert.deepEqual(await c.change(bad, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]), []);
  }
  const f = fixtures('qemu');
  const good = await c.open(f.uri('gb200x4-overflow.sh'), 'shellscript', f.text('gb200x4-overflow.sh'));
  assert.deepEqual(good.map((d) => d.code), ['NVG015'], 'the four GB200 overflow the default window');
  const failures = c.logs.filter((m) => m.includes('analyzer crashing failed on file:///w/notes.crash'));
  assert.equal(failures.length, 1, c.logs.join('\n'));
  assert.match(failures[0], /injected analyzer failure/);
  // Its didChange throws on every edit too: still one log line for the document in all.
  assert.equal(c.logs.filter((m) => m.includes('notes.crash')).length, 1);
  assert.equal(await c.stop(), 0);
});
