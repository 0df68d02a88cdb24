// What a person does with vfio-lens installed from its .vsix in a real VS Code
// (code-server) in a browser, on a copy of the sample workspace: read hovers,
// see squiggles, open the layout view, switch the device. The workspace's
// profile file makes gh200-lab (GH200 96 GB SKU, kernel mainline) the device
// every number is computed for until the status bar picks gb200-rack-a.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import pkg from '../../package.json';
import { hoverUsememIndex, showLayout } from './support/sample';
import { EXAMPLES, ROOT, Workbench } from './support/workbench';

/** What the extension needs at run time, as package.json and the code name it. */
function runtimeFiles(): string[] {
  const c = pkg.contributes;
  return [
    pkg.main.replace(/^\.\//, ''),
    'dist/server.js', // client/src/extension.ts starts it: a launcher that runs dist/server-main.js through V8's code cache
    'dist/server-main.js',
    'dist/grammars/tree-sitter.wasm', // server/src/parsing/treeSitter.ts loads the runtime and one grammar per language
    'dist/grammars/tree-sitter-c.wasm',
    'dist/grammars/tree-sitter-bash.wasm',
    'dist/webview/main.js', // client/src/layout/panel.ts: the layout view's script and stylesheet
    'dist/webview/style.css',
    ...c.grammars.map((g) => g.path.replace(/^\.\//, '')),
    ...c.jsonValidation.map((j) => j.url.replace(/^\.\//, '')),
    'package.json',
    'readme.md',
    'LICENSE.txt',
  ];
}

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
    wb = await Workbench.open({ folder: EXAMPLES, copy: true, name: 'workbench' });
  });
  after(async () => {
    await wb?.close(failed);
  });

  step('the .vsix installs what the extension runs — bundles, WASM grammars, TextMate grammars, the profile schema, the webview — and no sources, maps or node_modules', () => {
    const files = wb.installedFiles(`${pkg.publisher}.${pkg.name}`);
    for (const f of runtimeFiles()) assert.ok(files.includes(f), `${f} is in the package`);
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
    // Which device depends on whether the workspace's profile file was read yet; the numbers are the other steps' job.
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

  step('in the driver, the mouse over USEMEM_REGION_INDEX shows region 4 at fd offset 0x40000000000 and its 128 GiB BAR', async () => {
    await hoverUsememIndex(wb);
    await wb.screenshot('hover-usemem');
  });

  step('a broken QEMU script gets a red squiggle under virt; its hover says the four GPUs need 1.25 TiB of the 512 GiB window', async () => {
    await wb.quickOpen(path.join(ROOT, 'test', 'fixtures', 'qemu', 'gb200x4-overflow.sh'));
    await wb.squiggles('error').first().waitFor();
    assert.equal(await wb.squiggles('error').count(), 1);
    const hover = await wb.hoverSquiggle('error', 'NVG015');
    // The problem's message first, then its source and code (code-server draws them without a space between).
    assert.ok(
      hover.startsWith('the BAR apertures of 4 GPUs need 1.25 TiB (gpu0 512 GiB, gpu1 256 GiB, gpu2 256 GiB, gpu3 256 GiB) but the high PCIe MMIO window is 512 GiB (the default): set highmem-mmio-size=2T'),
      hover,
    );
    assert.match(hover, /set highmem-mmio-size=2T\s*vfio-lens\s*\(?NVG015\)?/);
    assert.ok(hover.includes('gpu1: 256 GiB at 512 GiB ends past the window'), 'the related locations are listed');
    assert.match(await wb.problemsStatus(), /^Errors: 1\b/);
    await wb.screenshot('squiggle-window');
  });

  step('vfio-lens: Show BAR Layout from the palette opens the layout view: BAR4 is a 128 GiB aperture, its sizing read-back 0xffffffe0_0000000c', async () => {
    await wb.quickOpen('main.c');
    await showLayout(wb);
    const view = wb.webview();
    // The same numbers as a person reads them in the tables.
    await view.locator('[data-action="toggle-mode"]').click();
    assert.deepEqual(await wb.webviewTableRows('[data-tables="bars"]'), [
      ['BAR2', 'resmem', '0x18', '1 GiB (0x40000000)', '1 GiB (0x40000000)', '0 B (0x0), 0.0 %', 'write-combine'],
      ['BAR4', 'usemem', '0x20', '128 GiB (0x2000000000)', '95 GiB (0x17c0000000)', '33 GiB (0x840000000), 25.8 %', 'write-back'],
    ]);
    // All ones written to both dwords, read back: ~(size − 1) | 0xC, split in two 32-bit registers.
    const config = await wb.webviewTableRows('[data-tables="config"]');
    assert.deepEqual(
      config.filter((r) => r[0] === '0x20' || r[0] === '0x24').map((r) => [r[0], r[1], r[2], r[6]]),
      [
        ['0x20', 'BAR4 low', 'nvgrace-gpu (usemem)', '0x0000000c'],
        ['0x24', 'BAR4 high', 'nvgrace-gpu (usemem)', '0xffffffe0'],
      ],
    );
    await wb.screenshot('layout-tables');
    await view.locator('[data-action="toggle-mode"]').click();
    await wb.screenshot('layout-gh200');
  });

  step('picking gb200-rack-a from the status bar: the status bar and the layout view show a 256 GiB BAR4 and no BAR2 resmem', async () => {
    await wb.statusBarItem('gh200-lab').click();
    await wb.pick('gb200-rack-a');
    await wb.statusBarItem('gb200-rack-a').waitFor();
    const tip = await wb.statusBarTooltip('gb200-rack-a', 'BAR4');
    assert.ok(tip.includes('BAR4 usemem 256 GiB · no resmem: region 2 is the physical BAR'), tip);
    const view = wb.webview();
    await view.locator('#device', { hasText: 'gb200-rack-a' }).waitFor();
    const bars = view.locator('[data-drawing="bars"] svg text');
    // 186 GiB, all of it usemem (no MIG bug), rounded up to 256 GiB
    await bars.filter({ hasText: 'BAR4 (usemem): 256 GiB aperture, write-back' }).waitFor();
    assert.equal(await bars.filter({ hasText: 'BAR2' }).count(), 0, 'no resmem aperture');
    assert.match((await view.locator('#device').textContent()) ?? '', /^gb200-rack-a · 186 GiB · kernel mainline \(\d+\.\d+\), 6\.14\+ rules · 64 KiB pages · MIG hardware bug absent · 0008:01:00\.0/);
    await wb.screenshot('layout-gb200');
    // The picker wrote the choice into the workspace (the copy: the repository's examples/ stays as it is).
    const written = JSON.parse(fs.readFileSync(path.join(wb.folder, '.vscode', 'settings.json'), 'utf8'));
    assert.equal(written['vfioLens.activeDevice'], 'gb200-rack-a');
    assert.ok(!fs.existsSync(path.join(EXAMPLES, '.vscode')));
  });
});
