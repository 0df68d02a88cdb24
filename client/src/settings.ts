// Reading and writing `vfioLens.*`. Reads go through the shared zod schema
// (the server reports bad values; here they just fall back to defaults).
import * as vscode from 'vscode';
import { Settings, readSettings } from '../../shared/settings';

export const SECTION = 'vfioLens';

export function currentSettings(): Settings {
  return readSettings(vscode.workspace.getConfiguration().get(SECTION)).settings;
}

/** Pickers write where the user most likely wants it: the workspace if one is open. */
export async function updateSetting(key: 'activeDevice' | 'kernel' | 'pageSize', value: string | number | undefined): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update(key, value, target);
}
