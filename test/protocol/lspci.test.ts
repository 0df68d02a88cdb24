// lspci dumps over real JSON-RPC: region hovers, fake-BAR checks in guests,
// driver checks on hosts, and no alarm for a host's physical BARs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer } from '../support/lspClient';
import { positionOf, renderDiagnostics } from '../support/markers';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/lspci', name), 'utf8');
const marks = (text: string, diags: Parameters<typeof renderDiagnostics>[1]) => renderDiagnostics(text, diags).split('\n').filter((l) => / NVG\d{3} /.test(l));

test('lspci: a GH200 guest (example A) matches the default profile; each region says what it is', async (t) => {
  const c = await startServer(t);
  const text = fixture('guest-gh200-good.lspci');
  const uri = 'file:///ws/guest.lspci';
  assert.deepEqual(await c.open(uri, 'lspci', text), []);

  const r4 = ((await c.hover(uri, positionOf(text, 'Region 4', 2)))?.contents as { value: string }).value;
  assert.equal(
    r4,
    [
      '**Region 4 → VFIO region 4 (BAR4)**, fd offset `0x40000000000`',
      'Fake BAR: cacheable device memory (usemem), emulated by nvgrace-gpu on the host.',
      'Predicted by the active device "GH200 96 GB": 128 GiB (`0x2000000000`) — 95 GiB of device memory, 33 GiB of padding that reads 0xFF. ✓ matches',
    ].join('\n\n'),
  );
  const r2 = ((await c.hover(uri, positionOf(text, 'Region 2', 2)))?.contents as { value: string }).value;
  assert.ok(r2.startsWith('**Region 2 → VFIO region 2 (BAR2)**, fd offset `0x20000000000`'), r2);
  assert.ok(r2.includes('non-cached carve-out (resmem)') && r2.includes('1 GiB of device memory, no padding. ✓ matches'), r2);
  const r0 = ((await c.hover(uri, positionOf(text, 'Region 0', 2)))?.contents as { value: string }).value;
  assert.ok(r0.endsWith('Physical BAR passed through by vfio-pci core, 16 MiB (`0x1000000`).'), r0);
  const head = ((await c.hover(uri, positionOf(text, '3D controller')))?.contents as { value: string }).value;
  assert.ok(head.startsWith('**01:00.0** — 10de:2342 (GH200 120GB in the driver\'s ID table). Guest view (no PCI domain shown, driver nvidia: read as a guest\'s view).'), head);
  assert.equal(await c.hover(uri, positionOf(text, 'Latency')), null, 'lines that are not BARs have no hover');
  await c.stop();
});

test('lspci: guest BARs that differ from the profile name the likely cause', async (t) => {
  // Example C (65.25 GiB) modelled on 6.14: usemem BAR 128 GiB, resmem 2 GiB.
  const c = await startServer(t, { settings: { kernel: '6.14', profile: { name: 'lab GH', memphys: '0x400000000000', memlength: '0x1050000000' } } });
  const text = fixture('guest-mismatch.lspci');
  const diags = await c.open('file:///ws/mismatch.lspci', 'lspci', text);
  assert.deepEqual(marks(text, diags), [
    '                                                       ^^^^^^^^^^ NVG210 warning: Region 4 (usemem) is 64 GiB here, but the active device "lab GH" predicts 128 GiB (kernel 6.14, 6.14+ rules, MIG hardware bug present). Likely: wrong kernel generation: the host\'s driver follows 6.9–6.13 rules, which give 64 GiB for this device memory',
    ' ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ NVG212 warning: the guest could not give this 256 GiB BAR an address: the VM\'s 64-bit MMIO window is too small for it (QEMU virt: raise highmem-mmio-size; libvirt: pcihole64)',
    '                                                       ^^^^^^^^^^ NVG210 warning: Region 4 (usemem) is 32 MiB here, but the active device "lab GH" predicts 128 GiB (kernel 6.14, 6.14+ rules, MIG hardware bug present). Likely: no fake BAR at all: the host bound plain vfio-pci, or nvgrace-gpu fell back (no or zero _DSD memory size), so the guest sees the physical BARs',
  ]);
  // The GB200 (10de:2941) is predicted by the GB200 preset, not by the Grace Hopper profile.
  const gb = ((await c.hover('file:///ws/mismatch.lspci', positionOf(text, 'Region 4: Memory at <unassigned>', 2)))?.contents as { value: string }).value;
  assert.ok(gb.includes('Predicted by the GB200 preset (typical values; the active device "lab GH" is not Grace Blackwell): 256 GiB (`0x4000000000`) — 186 GiB of device memory, 70 GiB of padding that reads 0xFF. ✓ matches'), gb);
  await c.stop();
});

test('lspci: host dumps — physical BARs are not compared, bindings are checked', async (t) => {
  const c = await startServer(t, { settings: { kernel: '6.14' } });
  const text = fixture('host-bindings.lspci');
  const uri = 'file:///ws/host.lspci';
  const diags = await c.open(uri, 'lspci', text);
  assert.deepEqual(marks(text, diags), [
    '                       ^^^^^^^^ NVG014 warning: Grace GPU bound to plain vfio-pci: a VM gets only the physical BARs, no coherent device memory — bind nvgrace_gpu_vfio_pci through driver_override',
    '                                                             ^^^^^^^^^^^ NVG011 warning: GB300 SKU (10de:31c2) is not in kernel 6.14\'s nvgrace-gpu ID table (added in 6.18), yet this host binds it: through an explicit driver_override (which matches any device), or its kernel is newer than the 6.14 vfio-lens models — then set vfioLens.kernel',
    '                       ^^^^^^^^^^^^^^^^^^^^ NVG013 error: the driver registers as "nvgrace_gpu_vfio_pci" (underscores): sysfs paths and driver_override must use that name, "nvgrace-gpu-vfio-pci" names no driver',
  ]);
  const r2 = ((await c.hover(uri, positionOf(text, 'Region 2', 2)))?.contents as { value: string }).value;
  assert.equal(
    r2,
    [
      '**Region 2 → VFIO region 2 (BAR2)**, fd offset `0x20000000000`',
      'Physical BAR on the host, 128 GiB (`0x2000000000`).',
      'In a VM, nvgrace-gpu replaces it with the fake resmem BAR: 1 GiB per the active device "GH200 96 GB".',
    ].join('\n\n'),
  );
  await c.stop();
});

test('lspci: a profile with the BDF predicts that device; without -nn the device ID comes from "Device XXXX"', async (t) => {
  const c = await startServer(t, { settings: { profile: { name: 'rack-b', bdf: '0009:01:00.0', sku: 'gb300' } } });
  const text = '0009:01:00.0 3D controller: NVIDIA Corporation Device 31c2 (rev a1)\n\tRegion 4: Memory at 661000000000 (64-bit, prefetchable) [size=32M]\n\tKernel driver in use: nvgrace_gpu_vfio_pci\n';
  const uri = 'file:///ws/nonn.lspci';
  assert.deepEqual(await c.open(uri, 'lspci', text), []);
  const md = ((await c.hover(uri, positionOf(text, 'Region 4', 1)))?.contents as { value: string }).value;
  assert.ok(md.includes('In a VM, nvgrace-gpu replaces it with the fake usemem BAR: 512 GiB per profile "rack-b" (same PCI address).'), md); // example G
  const head = ((await c.hover(uri, positionOf(text, 'NVIDIA')))?.contents as { value: string }).value;
  assert.ok(head.startsWith('**0009:01:00.0** — 10de:31c2 (GB300 SKU in the driver\'s ID table). Host view (bound to nvgrace_gpu_vfio_pci: this is the host).'), head);
  await c.stop();
});

// Domain §5.1: GB300 (10de:31c2) entered the ID table in 6.18 and 6.17 stable
// updates. A 6.17 host that binds it carries the backport (nothing to say); one
// that does not may lack it (a warning, not the error a 6.13 host gets).
test('lspci: GB300 on a 6.17 host — bound means the backport is there; unbound is a warning', async (t) => {
  const c = await startServer(t, { settings: { kernel: '6.17.6' } });
  const dump = (driver: string) => `0019:01:00.0 3D controller [0302]: NVIDIA Corporation Device [10de:31c2] (rev a1)\n\tRegion 4: Memory at 1a1000000000 (64-bit, prefetchable) [size=32M]\n\tKernel driver in use: ${driver}\n`;
  assert.deepEqual(await c.open('file:///ws/bound.lspci', 'lspci', dump('nvgrace_gpu_vfio_pci')), []);
  const text = dump('nouveau');
  assert.deepEqual(marks(text, await c.open('file:///ws/unbound.lspci', 'lspci', text)), [
    "                                                             ^^^^^^^^^^^ NVG011 warning: GB300 SKU (10de:31c2) entered nvgrace-gpu's ID table in 6.18 and in 6.17 stable updates: a 6.17.y lists it only with the backport (modules.alias vfio_pci:v000010DEd000031C2sv*sd*bc*sc*i*); without it, libvirt (which picks the variant driver from modules.alias) gives it plain vfio-pci; only an explicit driver_override binds nvgrace-gpu (an override matches any device)",
  ]);
  await c.stop();
});
