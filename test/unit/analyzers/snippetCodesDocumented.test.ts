import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

test('every code the QEMU, shell and libvirt analyzers report has its entry in docs/diagnostics.md', () => {
  const docs = fs.readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  const codes = new Set<string>();
  for (const dir of ['qemu', 'shell', 'libvirt']) {
    const base = path.join(ROOT, 'server', 'src', 'analyzers', dir);
    for (const f of fs.readdirSync(base)) for (const m of fs.readFileSync(path.join(base, f), 'utf8').matchAll(/'(NVG\d{3})'/g)) codes.add(m[1]);
  }
  assert.ok(codes.size >= 16, [...codes].join(' '));
  for (const c of codes) assert.match(docs, new RegExp(`^### ${c}$`, 'm'), `${c} is not documented`);
});
