// The command palette: pickers that write settings (the server listens to
// configuration changes), the layout view, and restarting the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, LayoutSection } from '../../shared/commands';
import { listProfilesRequest } from '../../shared/protocol';
import { KNOWN_KERNELS, MAINLINE, parseKernel } from '../../server/src/model/kernel';
import { request } from './requests';
import { currentSettings, updateSetting } from './settings';

export interface CommandHost {
  readonly client: LanguageClient;
  showLayout(section?: LayoutSection): void;
  log(message: string): void;
}

function sourceText(source: string): string {
  if (source === 'preset' || source === 'settings') return source;
  try {
    return path.basename(vscode.Uri.parse(source).fsPath);
  } catch {
    return source;
  }
}

async function selectProfile(host: CommandHost): Promise<void> {
  const list = await request(host.client, listProfilesRequest, {});
  type Item = vscode.QuickPickItem & { device?: string | null };
  const items: Item[] = [];
  const fromWorkspace = list.profiles.filter((p) => p.source !== 'preset');
  const presets = list.profiles.filter((p) => p.source === 'preset');
  const item = (p: (typeof list.profiles)[number]): Item => ({
    label: `${p.name === list.active ? '$(check) ' : ''}${p.name}`,
    description: sourceText(p.source),
    detail: `kernel ${p.kernel} · ${p.pageSize === 4096 ? '4 KiB' : '64 KiB'} pages${p.bdf ? ` · ${p.bdf}` : ''}`,
    device: p.name,
  });
  if (fromWorkspace.length) items.push({ label: 'Workspace', kind: vscode.QuickPickItemKind.Separator }, ...fromWorkspace.map(item));
  items.push({ label: 'Presets (typical sizes)', kind: vscode.QuickPickItemKind.Separator }, ...presets.map(item));
  if (currentSettings().activeDevice) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: 'Clear the choice', description: 'use the first device of the workspace', device: null });
  const picked = await vscode.window.showQuickPick(items, { title: 'vfio-lens: device every number is computed for', placeHolder: `now: ${list.active}`, matchOnDescription: true });
  if (!picked || picked.device === undefined) return;
  await updateSetting('activeDevice', picked.device ?? undefined);
}

async function selectKernel(): Promise<void> {
  const now = currentSettings().kernel;
  const rules = (version: string) => {
    const k = parseKernel(version);
    return k.ok && k.kernel.generation === 'split-always'
      ? 'always carves resmem; usemem BAR sized after the 512 MiB round-down'
      : 'carves resmem only with the MIG hardware bug; usemem BAR sized before the round-down';
  };
  const items: Array<vscode.QuickPickItem & { value: string }> = [
    { label: 'mainline', description: `= ${MAINLINE}`, detail: rules(MAINLINE), value: 'mainline' },
    ...[...KNOWN_KERNELS].reverse().map((v) => ({ label: v, detail: rules(v), value: v })),
  ].map((i) => ({ ...i, label: `${i.value === now ? '$(check) ' : ''}${i.label}` }));
  const picked = await vscode.window.showQuickPick(items, { title: 'vfio-lens: kernel whose nvgrace-gpu driver is modelled', placeHolder: `now: ${now}` });
  if (picked) await updateSetting('kernel', picked.value);
}

async function selectPageSize(): Promise<void> {
  const now = currentSettings().pageSize;
  const items = [
    { value: 4096, label: '4 KiB', detail: 'mmap index = vm_pgoff >> 28; huge faults at 2 MiB (PMD) and 1 GiB (PUD)' },
    { value: 65536, label: '64 KiB', detail: 'mmap index = vm_pgoff >> 24; huge faults at 512 MiB (PMD)' },
  ].map((i) => ({ ...i, label: `${i.value === now ? '$(check) ' : ''}${i.label}` }));
  const picked = await vscode.window.showQuickPick(items, { title: 'vfio-lens: host kernel PAGE_SIZE', placeHolder: `now: ${now} bytes` });
  if (picked) await updateSetting('pageSize', picked.value);
}

/** Arguments from code lenses are checked; a menu passes the resource URI, which means "no section". */
function sectionArg(host: CommandHost, args: unknown[]): LayoutSection | undefined {
  if (args[0] instanceof vscode.Uri) return undefined;
  const parsed = COMMANDS.showLayout.args.safeParse(args);
  if (!parsed.success) {
    host.log(`${COMMANDS.showLayout.id}: ignoring arguments ${JSON.stringify(args)}`);
    return undefined;
  }
  return parsed.data[0]?.section;
}

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  const guarded = (run: () => Promise<void>) => async () => {
    try {
      await run();
    } catch (e) {
      void vscode.window.showErrorMessage(`vfio-lens: ${(e as Error).message}`);
    }
  };
  return [
    vscode.commands.registerCommand(COMMANDS.showLayout.id, (...args: unknown[]) => host.showLayout(sectionArg(host, args))),
    vscode.commands.registerCommand(COMMANDS.selectProfile.id, guarded(() => selectProfile(host))),
    vscode.commands.registerCommand(COMMANDS.selectKernel.id, guarded(selectKernel)),
    vscode.commands.registerCommand(COMMANDS.selectPageSize.id, guarded(selectPageSize)),
    vscode.commands.registerCommand(COMMANDS.restartServer.id, guarded(() => host.client.restart())),
  ];
}
