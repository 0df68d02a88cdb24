// The server analyses the documents the editor opens and pushes diagnostics
// for each version; VS Code holds them with their codes, ranges and links.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { annotatedDiagnostics, nextDiagnostics, openFixture } from './support/editor';

describe('diagnostics', () => {
  it('are published for an opened C fixture, and again after an edit', async () => {
    const { uri, document, editor, diagnostics } = await openFixture('workspace/ring.c');
    assert.equal(document.languageId, 'c');
    assert.deepEqual(diagnostics, [], 'nothing to say about plain C');
    const republished = nextDiagnostics(uri);
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), '/* edited */\n')));
    assert.deepEqual(await republished, []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('are published for an untitled C document', async () => {
    const published = nextDiagnostics((u) => u.scheme === 'untitled');
    const doc = await vscode.workspace.openTextDocument({ language: 'c', content: 'int main(void) { return 0; }\n' });
    await vscode.window.showTextDocument(doc);
    assert.deepEqual(await published, []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a driver rounding by 768 MiB: two NVG106 errors at the exact ranges, each linking to its docs', async () => {
    const { document, diagnostics } = await openFixture('drivers/broken/NVG106-not-pow2.c');
    assert.equal(
      annotatedDiagnostics(document, diagnostics),
      [
        '#define MEMBLK_SIZE (SZ_512M + SZ_256M)',
        '                    ^^^^^^^^^^^^^^^^^^^ NVG106 error: MEMBLK_SIZE is 0x30000000 (768 MiB), not a power of two: round_down()/ALIGN() by it mask the wrong bits',
        '\tusemem->memlength = round_down(usemem->memlength, USEMEM_ALIGN);',
        // the mark counts characters: the tab is one
        '                                                   ^^^^^^^^^^^^ NVG106 error: round_down() needs a power-of-two alignment; USEMEM_ALIGN is 0x30000000 (768 MiB), so the mask arithmetic gives a wrong result',
      ].join('\n'),
    );
    for (const d of diagnostics) {
      assert.equal(d.source, 'vfio-lens');
      assert.ok(typeof d.code === 'object' && d.code.target.toString().endsWith('docs/diagnostics.md#nvg106'), `code links to the docs: ${JSON.stringify(d.code)}`);
    }
  });

  it('a QEMU script with four GPUs in the default 512 GiB window: NVG015 under virt, pointing at the GPUs past the window', async () => {
    const { document, diagnostics } = await openFixture('qemu/gb200x4-overflow.sh');
    assert.equal(document.languageId, 'shellscript');
    // gpu0 is the workspace's gb200-rack-a (256 GiB BAR4 + 16 MiB BAR0 → a 512 GiB block); the
    // other three BDFs are unknown, so they are taken for the active device gh200-lab (256 GiB blocks).
    assert.equal(
      annotatedDiagnostics(document, diagnostics),
      [
        'qemu-system-aarch64 -accel kvm -cpu host -machine virt,gic-version=3 \\',
        '                                                  ^^^^ NVG015 error: the BAR apertures of 4 GPUs need 1.25 TiB (gpu0 512 GiB, gpu1 256 GiB, gpu2 256 GiB, gpu3 256 GiB) but the high PCIe MMIO window is 512 GiB (the default): set highmem-mmio-size=2T',
      ].join('\n'),
    );
    const related = diagnostics[0].relatedInformation ?? [];
    assert.deepEqual(
      related.map((r) => [r.location.uri.toString(), r.message]),
      related.map((r) => [document.uri.toString(), r.message]),
      'related locations are in the script itself',
    );
    assert.ok(related.length > 0 && related.every((r) => /past the window$/.test(r.message)), related.map((r) => r.message).join('\n'));
  });
});
