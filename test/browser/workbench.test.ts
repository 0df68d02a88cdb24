// What a person does with vfio-lens installed from its .vsix in a real VS Code
// (code-server) in a browser, on the sample workspace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pkg from '../../package.json';
import { EXAMPLES, Workbench } from './support/workbench';

describe('vfio-lens from its .vsix in code-server, through Chromium', () => {
  let wb: Workbench;
  let failed = false;
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (e) {
        failed = true;
        await wb?.screenshot(`failed-${name.slice(0, 40)}`).catch(() => undefined);
        throw e;
      }
    });

  before(async () => {
    wb = await Workbench.open({ folder: EXAMPLES, name: 'workbench' });
  });
  after(async () => {
    await wb?.close(failed);
  });

  step('the .vsix installs only what the extension runs: bundles, grammars, manifest, README, LICENSE — no sources, maps or node_modules', () => {
    const files = wb.installedFiles(`${pkg.publisher}.${pkg.name}`);
    for (const f of ['dist/client.js', 'dist/server.js', 'dist/grammars/tree-sitter.wasm', 'dist/grammars/tree-sitter-c.wasm', 'dist/grammars/tree-sitter-bash.wasm', 'package.json', 'readme.md', 'LICENSE.txt']) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    const stray = files.filter((f) => !/^(dist\/[^/]+\.js|dist\/(grammars|webview)\/[^/]+\.(wasm|js|css)|(syntaxes|schemas)\/.+\.json|package\.json|readme\.md|LICENSE\.txt|\.vsixmanifest)$/.test(f));
    assert.deepEqual(stray, []);
    assert.ok(!files.includes('dist/cli.js'), 'the CLI is not part of the extension');
    return Promise.resolve();
  });

  step('opens a file of the sample workspace with Quick Open', async () => {
    await wb.quickOpen('.vfio-lens.json');
    assert.match(await wb.editorText(), /"devices"/);
    await wb.screenshot('quick-open');
  });

  step('opening it activates the extension: its output channel shows the server running', async () => {
    await wb.showOutputChannel('vfio-lens');
    const [line] = await wb.outputMatching(/vfio-lens \S+ running on Node/);
    // Which device depends on whether the workspace's profile file was read yet; the numbers are the other suites' job.
    assert.match(line, new RegExp(`vfio-lens ${pkg.version.replace(/\./g, '\\.')} running on Node \\d+\\.\\d+\\.\\d+: device \\S.*, kernel mainline \\(\\d+\\.\\d+\\)`));
    // The settings it read were fine: no warning from vfio-lens (they are shown before that line).
    assert.deepEqual(await wb.page.locator('.notification-toast', { hasText: 'vfio-lens' }).allInnerTexts(), []);
    await wb.screenshot('server-running');
  });

  step('the command palette lists vfio-lens: Restart Language Server, and running it starts a new server', async () => {
    assert.ok((await wb.paletteEntries('vfio-lens: Restart')).includes('vfio-lens: Restart Language Server'));
    await wb.runCommand('vfio-lens: Restart Language Server');
    const lines = await wb.outputMatching(/vfio-lens \S+ running on Node/, 2);
    assert.equal(lines.length, 2, lines.join('\n'));
    await wb.screenshot('restarted');
  });
});
