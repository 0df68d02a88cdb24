// Inlay hints through VS Code's provider command: values of the driver's
// macros and what probe computes, for the sample workspace's gh200-lab.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { inlayHints, openSample, renderHints, resetSettings, setSettings, untilServer } from './support/editor';

/** Lines `from`–`to` (0-based, inclusive) of the text with the hints written in. */
function lines(text: string, from: number, to: number): string {
  return text.split('\n').slice(from, to + 1).join('\n');
}

describe('inlay hints', () => {
  after(() => resetSettings(['inlayHints.enabled']));

  it('region macros show their index and fd offset, sizes their value', async () => {
    const { uri, document } = await openSample('driver/main.c');
    const shown = renderHints(document, await inlayHints(uri));
    const at = document.getText().split('\n').findIndex((l) => l.startsWith('#define RESMEM_REGION_INDEX'));
    assert.equal(
      lines(shown, at, at + 10),
      [
        '#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX/* = 2 → 0x20000000000*/',
        '#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX/* = 4 → 0x40000000000*/',
        '',
        '/*',
        ' * usemem is handed to the guest in memory blocks of this size; the GPU',
        ' * firmware and the guest driver both assume it.',
        ' */',
        '#define MEMBLK_SIZE SZ_512M/* = 0x20000000 (512 MiB)*/',
        '',
        '/* Size of the uncached carve-out when the MIG hardware bug is present. */',
        '#define GRACELENS_RESMEM_SIZE SZ_1G/* = 0x40000000 (1 GiB)*/',
      ].join('\n'),
    );
  });

  it('the split function shows what probe stores for gh200-lab: usemem 95 GiB in a 128 GiB BAR, resmem 1 GiB after it', async () => {
    const { uri, document } = await openSample('driver/main.c');
    const shown = renderHints(document, await inlayHints(uri));
    for (const l of [
      '\tgd->usemem.memphys = base;/* → 0x400000000000*/',
      '\tgd->usemem.bar_size = roundup_pow_of_two(gd->usemem.memlength);/* → 128 GiB*/',
      '\tgd->usemem.memlength = round_down(gd->usemem.memlength, MEMBLK_SIZE);/* → 95 GiB*/',
      '\t\t\t       &gd->resmem.memphys/* → 0x4017c0000000*/))',
      '\tgd->resmem.memlength = size - gd->usemem.memlength;/* → 1 GiB*/',
      '\tgd->resmem.bar_size = roundup_pow_of_two(gd->resmem.memlength);/* → 1 GiB*/',
    ]) {
      assert.ok(shown.split('\n').includes(l), `a line reads ${JSON.stringify(l)}`);
    }
  });

  it('vfioLens.inlayHints.enabled = false hides them; true brings them back', async () => {
    const { uri } = await openSample('driver/main.c');
    const before = (await inlayHints(uri)).length;
    assert.ok(before > 10, `${before} hints`);
    await setSettings({ 'inlayHints.enabled': false });
    await untilServer(async () => ((await inlayHints(uri)).length === 0 ? true : undefined), 'no inlay hints');
    await setSettings({ 'inlayHints.enabled': true });
    const again = await untilServer(async () => {
      const n = (await inlayHints(uri)).length;
      return n > 0 ? n : undefined;
    }, 'inlay hints again');
    assert.equal(again, before);
    assert.ok(vscode.workspace.getConfiguration('vfioLens').get('inlayHints.enabled'));
  });
});
