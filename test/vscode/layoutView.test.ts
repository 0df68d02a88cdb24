// Code lenses on the driver name the layout command; running it (from a lens
// or the palette) opens the layout webview, which loads, asks for the model
// and retitles its tab with the device.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { COMMANDS, LAYOUT_VIEW_TYPE } from '../../shared/commands';
import { codeLenses, openSample, positionOf, untilWebviewTab, webviewTabs } from './support/editor';

async function closeLayoutTabs(): Promise<void> {
  await vscode.window.tabGroups.close(webviewTabs(LAYOUT_VIEW_TYPE));
}

describe('code lenses and the layout view', () => {
  afterEach(closeLayoutTabs);

  it('the ops table and the split function carry lenses that open the layout at their section', async () => {
    const { uri, document } = await openSample('driver/main.c');
    const text = document.getText();
    const lenses = await codeLenses(uri);
    const at = (needle: string) => lenses.find((l) => l.range.start.line === positionOf(text, needle).line);
    const ops = at('static const struct vfio_device_ops gracelens_ops');
    assert.ok(ops?.command, 'a lens on the ops table');
    assert.equal(ops.command.title, 'vfio-lens: overrides open_device, close_device, ioctl, read, write, mmap · BAR2 1 GiB, BAR4 128 GiB (gh200-lab, mainline)');
    assert.equal(ops.command.command, COMMANDS.showLayout.id);
    assert.deepEqual(ops.command.arguments, [{ section: 'bars' }]);
    const split = at('static int gracelens_split_memory');
    assert.equal(split?.command?.title, 'vfio-lens: computes the split · usemem 95 GiB → BAR4 128 GiB · resmem 1 GiB → BAR2 1 GiB (gh200-lab, mainline)');
    assert.deepEqual(split.command.arguments, [{ section: 'memory' }]);
    for (const l of lenses) assert.equal(l.command?.command, COMMANDS.showLayout.id, l.command?.title);
  });

  it("running a lens's command opens the layout panel beside the editor, titled with the device once its page is up", async () => {
    const { uri, document } = await openSample('driver/main.c');
    const lens = (await codeLenses(uri)).find((l) => l.range.start.line === positionOf(document.getText(), 'static int gracelens_split_memory').line);
    assert.ok(lens?.command);
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    // The title changes from "vfio-lens layout" only when the webview said it is ready and the server's model arrived.
    const tab = await untilWebviewTab(LAYOUT_VIEW_TYPE, 'Layout: gh200-lab');
    assert.equal(webviewTabs(LAYOUT_VIEW_TYPE).length, 1);
    assert.notEqual(tab.group.viewColumn, vscode.window.activeTextEditor?.viewColumn, 'beside the driver');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the driver keeps the focus');
  });

  it('vfio-lens: Show BAR Layout again reveals the same panel instead of opening a second', async () => {
    await openSample('driver/main.c');
    await vscode.commands.executeCommand(COMMANDS.showLayout.id);
    await untilWebviewTab(LAYOUT_VIEW_TYPE, 'Layout: gh200-lab');
    await vscode.commands.executeCommand(COMMANDS.showLayout.id, { section: 'config' });
    assert.equal(webviewTabs(LAYOUT_VIEW_TYPE).length, 1);
  });
});
