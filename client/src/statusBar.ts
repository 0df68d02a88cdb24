// The status bar item: the device every number is computed for; a click
// opens the device picker. Refreshed when the server says the context changed.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../shared/commands';
import { listProfilesRequest } from '../../shared/protocol';
import { request } from './requests';

export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vfioLens.device', vscode.StatusBarAlignment.Right, 100);

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'vfio-lens device';
    this.item.command = COMMANDS.selectProfile.id;
    this.item.text = '$(circuit-board) vfio-lens';
    this.item.show();
  }

  async refresh(): Promise<void> {
    try {
      const list = await request(this.client, listProfilesRequest, {});
      const active = list.profiles.find((p) => p.name === list.active);
      this.item.text = `$(circuit-board) ${list.active}`;
      const tip = new vscode.MarkdownString();
      tip.appendMarkdown(`**vfio-lens**: numbers are computed for **${list.active}**`);
      if (active) tip.appendMarkdown(` — kernel ${active.kernel}, ${active.pageSize === 4096 ? '4 KiB' : '64 KiB'} pages${active.bdf ? `, ${active.bdf}` : ''}`);
      tip.appendMarkdown('\n\nClick to pick another device.');
      this.item.tooltip = tip;
    } catch (e) {
      this.item.text = '$(circuit-board) vfio-lens';
      this.item.tooltip = `vfio-lens: no device yet (${(e as Error).message})`;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
