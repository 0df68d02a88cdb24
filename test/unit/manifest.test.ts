// package.json declares what the code registers: every command id, the
// webview's activation event, settings that match the zod schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { visit } from 'jsonc-parser';
import path from 'node:path';
import { COMMANDS, LAYOUT_VIEW_TYPE } from '../../shared/commands';
import { deviceProfileSchema, skuId } from '../../shared/profile';
import { readSettings, settingsSchema } from '../../shared/settings';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const contributes = pkg.contributes;

test('every command in shared/commands.ts is contributed, with a title, and nothing else', () => {
  const declared: string[] = Object.values(COMMANDS).map((c) => c.id).sort();
  const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, declared);
  for (const c of contributes.commands) assert.ok(c.title && c.category === 'vfio-lens', c.command);
  for (const items of Object.values(contributes.menus) as Array<Array<{ command: string }>>) {
    for (const item of items) assert.ok(declared.includes(item.command), `menu names ${item.command}`);
  }
});

test('the layout view comes back after a window reload: its activation event is declared', () => {
  assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${LAYOUT_VIEW_TYPE}`));
});

test('settings in package.json match the zod schema', () => {
  const props = contributes.configuration.properties;
  const keys = Object.keys(settingsSchema.shape).filter((k) => k !== 'inlayHints');
  for (const k of keys) assert.ok(props[`vfioLens.${k}`], `vfioLens.${k} is declared`);
  const profile = props['vfioLens.profile'];
  assert.deepEqual(Object.keys(profile.properties).sort(), Object.keys(deviceProfileSchema.shape).sort());
  assert.deepEqual(profile.properties.sku.enum, skuId.options);
  // VS Code reports unset object/string settings as their default, null: not a problem.
  const defaults = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.replace(/^vfioLens\./, ''), (v as { default: unknown }).default]));
  const { problems } = readSettings({ ...defaults, inlayHints: { enabled: defaults['inlayHints.enabled'] } });
  assert.deepEqual(problems, []);
});

test('package.json has no key twice in one object: JSON.parse, vsce and VS Code keep only the last, silently', () => {
  const text = readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8');
  const scopes: Array<Set<string>> = [];
  const twice: string[] = [];
  visit(text, {
    onObjectBegin: () => void scopes.push(new Set()),
    onObjectEnd: () => void scopes.pop(),
    onObjectProperty: (name, offset) => {
      const seen = scopes[scopes.length - 1];
      if (seen.has(name)) twice.push(`"${name}" at offset ${offset}`);
      seen.add(name);
    },
  });
  assert.deepEqual(twice, []);
});

test('engines.vscode is the API the code is type-checked against (@types/vscode) and what the language client needs', () => {
  const installed = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'node_modules', name, 'package.json'), 'utf8'));
  const minor = (range: string) => /^\^?(\d+)\.(\d+)\.\d+$/.exec(range)?.slice(1, 3).map(Number) ?? assert.fail(`"${range}" is not ^X.Y.Z`);
  const [major, min] = minor(pkg.engines.vscode);
  // Types newer than the minimum would let code call API the oldest admitted VS Code lacks.
  assert.deepEqual(minor(installed('@types/vscode').version), [major, min], `@types/vscode vs engines.vscode ${pkg.engines.vscode}`);
  const [lcMajor, lcMin] = minor(installed('vscode-languageclient').engines.vscode);
  assert.ok(major > lcMajor || (major === lcMajor && min >= lcMin), `vscode-languageclient needs VS Code ${lcMajor}.${lcMin}`);
});
