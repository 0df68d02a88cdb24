// The webview's drawing code is pure: model in, SVG/HTML/Markdown out. These
// check what a user sees: sizes drawn from the model's numbers, labels,
// scale notes, the table twin, and markup the CSP allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceProfile } from '../../../shared/profile';
import { resolveDevice } from '../../../server/src/profiles/activeProfile';
import { buildLayoutView } from '../../../server/src/views/layoutView';
import { drawApertures } from '../../../webview/src/draw/apertures';
import { drawMemory } from '../../../webview/src/draw/memory';
import { drawWindow } from '../../../webview/src/draw/window';
import { exportSvg } from '../../../webview/src/exportSvg';
import { placeLabels } from '../../../webview/src/markup';
import { deviceLine, renderSections } from '../../../webview/src/render';
import { layoutMarkdown } from '../../../webview/src/tables';

function model(p: Partial<DeviceProfile>, workspace: DeviceProfile[] = []) {
  const defaults = { kernel: 'mainline', pageSize: 65536 as const };
  const resolve = (x: Partial<DeviceProfile>) => {
    const r = resolveDevice({ name: 'dev', ...x } as DeviceProfile, 'settings', defaults);
    if (!r.ok) throw new Error(r.message);
    return r.device;
  };
  const d = resolve(p);
  return buildLayoutView({ device: d, workspace: [d, ...workspace.map(resolve)] });
}

const A = model({ name: 'GH200 <lab> & co', sku: 'gh200-96gb' });

/** width attributes of the segment rects, in order (inner width = width − 4). */
function segmentWidths(svg: string): number[] {
  return [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="28" class="seg seg-/g)].map((m) => Number(m[1]));
}

test('example A apertures: at 1004 px the backed part is 742 px and the padding 258 px, with sizes', () => {
  const d = drawApertures(A, 1004)!;
  // BAR2 (1 GiB, all backed) then BAR4 (95 + 33 GiB)
  assert.deepEqual(segmentWidths(d.markup), [1000, 742, 258]);
  assert.match(d.markup, /BAR4 \(usemem\): 128 GiB aperture, write-back/);
  assert.match(d.markup, /backed: 95 GiB — device memory, mmappable/);
  assert.match(d.markup, /padding: 33 GiB \(25\.8 % of the BAR\) — reads 0xFF, writes dropped, cannot be mmapped/);
  assert.doesNotMatch(d.markup, /log scale/);
});

test('example A memory band says it is on a log scale, and shows the addresses at the edges', () => {
  const d = drawMemory(A, 1004)!;
  assert.deepEqual(segmentWidths(d.markup), [883, 117]);
  assert.match(d.markup, /log scale/);
  for (const a of ['0x4000_0000_0000', '0x4017_c000_0000', '0x4018_0000_0000']) assert.ok(d.markup.includes(`>${a}</text>`), a);
  assert.match(d.markup, /usemem: 95 GiB — cached \(write-back\), mmapped by the VM/);
  assert.match(d.markup, /resmem, the 1 GiB carve-out: 1 GiB — non-cached \(write-combine\)/);
});

test('the window drawing marks the end of the window and what does not fit', () => {
  const gh = { sku: 'gh200-96gb' as const };
  const three = model({ name: 'a', ...gh }, [{ name: 'b', ...gh }, { name: 'c', ...gh }]);
  const d = drawWindow(three, 604);
  assert.match(d.markup, /does not fit: the GPUs need 768 GiB/);
  assert.match(d.markup, /needs -machine virt,highmem-mmio-size=1T/);
  assert.match(d.markup, /window end 512 GiB/);
  assert.match(d.markup, /c: 256 GiB block at \+512 GiB = BAR4 \(usemem\) 128 GiB \+ BAR2 \(resmem\) 1 GiB \+ BAR0 \(physical\) 16 MiB \(typical\) — outside the window/);
  // the window ends at 666‰ of 600 px, after the 2 px margin
  assert.match(d.markup, /<line x1="401.6"/);
});

test('narrow widths: labels never overlap in a row, and long legends wrap instead of running off', () => {
  const placed = placeLabels([{ text: '0x4000_0000_0000', x: 2 }, { text: '0x4017_c000_0000', x: 250 }, { text: '0x4018_0000_0000', x: 278 }], 280);
  const rows = new Map<number, Array<[number, number]>>();
  for (const p of placed) {
    const w = p.text.length * 7.2;
    const left = p.anchor === 'start' ? p.x : p.anchor === 'end' ? p.x - w : p.x - w / 2;
    assert.ok(left >= 0 && left + w <= 280.01, `${p.text} inside the drawing`);
    for (const [a, b] of rows.get(p.row) ?? []) assert.ok(left + w < a || left > b, `${p.text} overlaps in row ${p.row}`);
    rows.set(p.row, [...(rows.get(p.row) ?? []), [left, left + w]]);
  }
  assert.ok(rows.size >= 2, 'the last two labels cannot share a row at 280 px');
  const narrow = drawApertures(A, 280)!;
  for (const m of narrow.markup.matchAll(/<text [^>]*>([^<]*)<\/text>/g)) assert.ok(m[1].length * 7.2 <= 280, `"${m[1]}" fits 280 px`);
});

test('every section renders for the CSP: no inline styles or handlers, and text is escaped', () => {
  const sections = renderSections(A, 500);
  const all = Object.values(sections).map((s) => s.drawing + s.tables).join('') + deviceLine(A) + exportSvg(A).replace(/<style>[^]*<\/style>/, '');
  assert.doesNotMatch(all, /\sstyle=/);
  assert.doesNotMatch(all, /\son[a-z]+=/i);
  assert.doesNotMatch(all, /<script/i);
  assert.match(deviceLine(A), /GH200 &lt;lab&gt; &amp; co/);
  // the table twin carries the same numbers
  assert.match(sections.bars.tables, /<th scope="row">BAR4<\/th><td>usemem<\/td><td>0x20<\/td><td>128 GiB \(0x2000000000\)<\/td><td>95 GiB \(0x17c0000000\)<\/td><td>33 GiB \(0x840000000\), 25.8 %<\/td>/);
  assert.match(sections.config.tables, /0x24<\/th><td>BAR4 high<\/td><td>nvgrace-gpu \(usemem\)<\/td><td>0x00000000<\/td><td>0x00000000<\/td><td>—<\/td><td>0xffffffe0/);
  // every drawing is labelled for screen readers
  for (const s of Object.values(sections)) assert.match(s.drawing, /role="img"[^>]*aria-labelledby="[\w-]+-t [\w-]+-d"/);
});

test('a failed layout shows why instead of empty drawings', () => {
  const s = renderSections(model({ memphys: 0x4000_0000_0000n, memlength: 0x5000_0000n }), 500);
  assert.match(s.memory.drawing, /layout failed/);
  assert.match(s.fd.drawing, /probe fails/);
});

test('Copy as Markdown: a heading, the device, every table as a Markdown table', () => {
  const md = layoutMarkdown(A);
  assert.match(md, /^## vfio-lens layout: GH200 <lab> & co\n/);
  assert.match(md, /Kernel mainline \(7\.0\) \(6\.14\+ rules\), 64 KiB pages, MIG hardware bug present; memphys 0x400000000000, memlength 0x1800000000 \(96 GiB\)\./);
  assert.match(md, /\| BAR4 \| usemem \| 0x20 \| 128 GiB \(0x2000000000\) \| 95 GiB \(0x17c0000000\) \| 33 GiB \(0x840000000\), 25\.8 % \| write-back \|/);
  assert.match(md, /\| 4 \| 0x40000000000 \| BAR4 \| usemem, emulated: 128 GiB \|/);
  assert.match(md, /\| usemem BAR size \| 128 GiB \(0x2000000000\) \| roundup_pow_of_two\(0x17c0000000\), before the 512 MiB round-down \(6\.14\+\) \|/);
});

test('Export SVG: one standalone document with fixed colours and every drawing', () => {
  const svg = exportSvg(A);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="760"/);
  assert.match(svg, /<style>[^]*\.seg-usemem \{ fill: #[0-9a-f]{6}; \}/);
  assert.doesNotMatch(svg, /var\(--vscode/);
  assert.equal(svg.match(/<svg /g)!.length, 1 + 5, 'outer + five section drawings');
  assert.equal(new Set([...svg.matchAll(/<pattern id="([\w-]+)"/g)].map((m) => m[1])).size, 5, 'pattern ids unique');
});
