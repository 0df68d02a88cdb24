// Settings written in VS Code reach the server and change what it says: the
// active device and its kernel change hovers, diagnostics and requests.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activeLayoutRequest, listProfilesRequest } from '../../shared/protocol';
import { annotatedDiagnostics, hoverText, openSample, positionOf, request, resetSettings, setSettings, untilServer } from './support/editor';

// 65.25 GiB: domain example C. 65.25 − 1 = 64.25 GiB, rounded down to 512 MiB = 64 GiB; 6.9–6.13 size
// the BAR after the rounding (64 GiB), 6.14+ before it (64.25 → 128 GiB).
const LAB = { name: 'lab GH', memphys: '0x400000000000', memlength: '0x1050000000' };

describe('settings changed in the editor take effect', () => {
  let uri: vscode.Uri;
  let document: vscode.TextDocument;
  let usemem: ReturnType<typeof positionOf>;
  /** The hover on USEMEM_REGION_INDEX once it speaks of `kernel` (the server got the settings). */
  const hoverOn = (kernel: string) =>
    untilServer(async () => {
      const t = await hoverText(uri, usemem);
      return t.includes(`lab GH · kernel ${kernel},`) ? t : undefined;
    }, `the hover to use lab GH on ${kernel}`);

  before(async () => {
    ({ uri, document } = await openSample('driver/main.c')); // the server re-publishes open documents once new settings apply
    usemem = positionOf(document.getText(), '#define USEMEM_REGION_INDEX', '#define '.length + 1);
  });
  after(async () => {
    await resetSettings(['kernel', 'profile', 'activeDevice']);
    await untilServer(async () => ((await request(activeLayoutRequest, {})).profile.name === 'gh200-lab' ? true : undefined), 'the workspace device again');
  });

  it('an inline profile picked as the active device, on kernel 6.13: usemem BAR 64 GiB, resmem 1.25 GiB in a 2 GiB BAR', async () => {
    await setSettings({ kernel: '6.13', profile: LAB, activeDevice: LAB.name });
    const text = await hoverOn('6.13');
    assert.ok(text.includes('- BAR size `0x1000000000` (64 GiB), no padding'), text);
    const r = await request(activeLayoutRequest, {});
    assert.equal(r.profile.source, 'settings');
    assert.equal(r.report.kernel, '6.13');
    assert.deepEqual(r.report.layout, {
      ok: true,
      usemem: { memphys: '0x400000000000', memlength: '0x1000000000', barSize: '0x1000000000', regionIndex: 4, regionOffset: '0x40000000000' },
      resmem: { memphys: '0x401000000000', memlength: '0x50000000', barSize: '0x80000000', regionIndex: 2, regionOffset: '0x20000000000' },
    });
    assert.equal((await request(listProfilesRequest, {})).active, LAB.name);
  });

  it('on 6.13 the driver lists two IDs that kernel\'s ID table lacks (GB200 from 6.14, GB300 from 6.18)', async () => {
    // The hover may answer before the re-published diagnostics arrive: wait for them.
    const diagnostics = await untilServer(() => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length ? d : undefined;
    }, 'diagnostics on 6.13');
    assert.equal(
      annotatedDiagnostics(document, diagnostics),
      [
        '\t{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2941) },',
        ' ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ NVG011 error: GB200 SKU (10de:2941) is not in kernel 6.13\'s nvgrace-gpu ID table (added in 6.14): modules.alias has no line for it, so libvirt (which picks the variant driver from modules.alias) gives it plain vfio-pci; only an explicit driver_override binds nvgrace-gpu (an override matches any device)',
        '\t{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x31C2) },',
        ' ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ NVG011 error: GB300 SKU (10de:31c2) is not in kernel 6.13\'s nvgrace-gpu ID table (added in 6.18): modules.alias has no line for it, so libvirt (which picks the variant driver from modules.alias) gives it plain vfio-pci; only an explicit driver_override binds nvgrace-gpu (an override matches any device)',
      ].join('\n'),
    );
  });

  it('switching the kernel setting to 6.14 doubles the usemem BAR in the hover (sized before the rounding); only GB300 is still too new', async () => {
    await setSettings({ kernel: '6.14' });
    const text = await hoverOn('6.14');
    // 64 GiB backed in a 128 GiB BAR: 64 GiB of padding
    assert.ok(text.includes('- BAR size `0x2000000000` (128 GiB), padding `0x1000000000` (64 GiB, 50.0%: reads 0xff, writes dropped, not mappable)'), text);
    assert.ok(text.includes('- device memory `0x400000000000`–`0x400fffffffff` (64 GiB)'), text);
    const r = await request(activeLayoutRequest, {});
    assert.equal(r.report.layout.ok && r.report.layout.usemem.barSize, '0x2000000000');
    assert.equal(r.report.layout.ok && r.report.layout.usemem.memlength, '0x1000000000');
    const diagnostics = await untilServer(() => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length === 1 ? d : undefined;
    }, 'one diagnostic on 6.14');
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, typeof d.code === 'object' ? d.code.value : d.code]),
      [[positionOf(document.getText(), '0x31C2').line, 'NVG011']],
    );
  });
});
