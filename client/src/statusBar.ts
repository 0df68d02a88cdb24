// The status bar item: the device every number is computed for (its BARs in
// the tooltip); a click opens the device picker. Refreshed when the server
// says the context changed.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../shared/commands';
import { activeLayoutRequest } from '../../shared/protocol';
import { deviceTooltip } from './deviceTooltip';
import { request } from './requests';

export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vfioLens.device', vscode.StatusBarAlignment.Right, 100);
  private generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'vfio-lens device';
    this.item.command = COMMANDS.selectProfile.id;
    this.item.text = '$(circuit-board) vfio-lens';
    this.item.show();
  }

  async refresh(): Promise<void> {
    // Changes can come in a burst: only the last answer may set the item.
    const generation = ++this.generation;
    try {
      const active = await request(this.client, activeLayoutRequest, {});
      if (generation !== this.generation) return;
      this.item.text = `$(circuit-board) ${active.profile.name}`;
      this.item.tooltip = new vscode.MarkdownString(deviceTooltip(active));
    } catch (e) {
      if (generation !== this.generation) return;
      this.item.text = '$(circuit-board) vfio-lens';
      this.item.tooltip = `vfio-lens: no device yet (${(e as Error).message})`;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
