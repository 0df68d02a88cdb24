// QEMU command lines in shell scripts and .args files, through real JSON-RPC:
// diagnostics at exact ranges, hovers, quick fixes that really fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { startServer } from '../support/lspClient';
import { positionOf, renderDiagnostics } from '../support/markers';
import { annotated, applyEdits, fixtures, markdown } from '../support/snippets';

const { text: fixture, uri: uriOf } = fixtures('qemu');

const GB200_RACK = { profile: { name: 'rack-a gpu0', bdf: '0008:01:00.0', sku: 'gb200' } };
const GH200_LAB = { profile: { name: 'gh200-lab', bdf: '0009:01:00.0', sku: 'gh200-96gb' } };

test('a GH200 single-GPU script as the domain reference writes it: no findings; hover shows the layout and the placement', async (t) => {
  const c = await startServer(t, { settings: GH200_LAB });
  const text = fixture('gh200-single.sh');
  const uri = uriOf('gh200-single.sh');
  assert.deepEqual(await c.open(uri, 'shellscript', text), []);

  const h = await c.hover(uri, positionOf(text, 'host=$GPU', 6));
  const md = markdown(h);
  assert.match(md, /^\*\*`0009:01:00\.0` — gh200-lab\*\* \(GH200 96 GB; from settings; kernel mainline \(7\.0\), 6\.14\+ rules\)/);
  assert.ok(md.includes('| BAR2 | resmem | 1 GiB | 1 GiB | 0 B |'), md);
  assert.ok(md.includes('| BAR4 | usemem | 95 GiB | 128 GiB | 33 GiB |'), md);
  assert.ok(md.includes('| BAR0 | physical | — | 16 MiB | — |'), md);
  // bus=pcie.0: the root bus, no bridge window, each BAR on its own (the 128 GiB one first, at 0).
  assert.ok(md.includes('Guest aperture: 16 MiB + 1 GiB + 128 GiB = 0x2041000000, on the root bus: each BAR placed on its own — at offset 0x0 of the 1 TiB high window.'), md);
  assert.ok(md.includes('Generic-initiator nodes: 1, 2, 3, 4, 5, 6, 7, 8 (8 of the 8 a Grace GPU expects).'), md);
  // The hover covers the whole -device argument.
  const line = text.split('\n')[h!.range!.start.line];
  assert.equal(line.slice(h!.range!.start.character, h!.range!.end.character), 'vfio-pci-nohotplug,host=$GPU,bus=pcie.0,addr=04.0,rombar=0,id=gpu0');

  const w = markdown(await c.hover(uri, positionOf(text, 'highmem-mmio-size=1T', 19)));
  assert.match(w, /^\*\*QEMU `virt` high PCIe MMIO window: 1 TiB\*\* \(highmem-mmio-size=1T\)/);
  assert.ok(w.includes('| gpu0 `0009:01:00.0` | gh200-lab | BAR0 16 MiB + BAR2 1 GiB + BAR4 128 GiB | ≈ 129.015 GiB (root bus, BAR by BAR) | 0x0 | ✓ |'), w);
  assert.ok(w.includes('Smallest window that holds them: 512 GiB (`highmem-mmio-size=512G`, the default)'), w);
  // People hover the key as often as the value.
  assert.equal(markdown(await c.hover(uri, positionOf(text, 'highmem-mmio-size=1T', 3))), w);
  await c.stop();
});

test('four GB200s overflow the default 512 GiB window; the quick fix adds highmem-mmio-size=2T and the finding goes away', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = fixture('gb200x4-overflow.sh');
  const uri = uriOf('gb200x4-overflow.sh');
  const diags = await c.open(uri, 'shellscript', text);
  assert.equal(
    annotated(text, diags),
    [
      'qemu-system-aarch64 -accel kvm -cpu host -machine virt,gic-version=3 \\',
      '                                                  ^^^^ NVG015 error: the BAR apertures of 4 GPUs need 2 TiB (gpu0 512 GiB, gpu1 512 GiB, gpu2 512 GiB, gpu3 512 GiB) but the high PCIe MMIO window is 512 GiB (the default): set highmem-mmio-size=2T',
    ].join('\n'),
  );
  const [d] = diags;
  assert.equal(d.relatedInformation?.length, 3, 'the three GPUs past the window are pointed at');
  assert.match(d.relatedInformation![0].message, /^gpu1: 512 GiB at 512 GiB ends past the window$/);

  const [fix] = (await c.codeActions(uri, d.range, [d])) ?? [];
  assert.equal(fix.title, 'Add highmem-mmio-size=2T');
  const fixed = applyEdits(text, fix.edit!.changes![uri]);
  assert.ok(fixed.includes('-machine virt,gic-version=3,highmem-mmio-size=2T \\'));
  assert.deepEqual(await c.change(uri, [{ text: fixed }]), []);

  // The hover on an address no profile names says so and uses the active profile.
  const h = markdown(await c.hover(uri, positionOf(fixed, 'host=0018:01:00.0', 5)));
  assert.match(h, /^\*\*`0018:01:00\.0`\*\* — no device profile names this address; the numbers below assume the active profile \*\*rack-a gpu0\*\* \(GB200;/);
  assert.ok(h.includes('at offset 0x10000000000 of the 2 TiB high window'), h);
  await c.stop();
});

test('a libvirt .args file: JSON -device/-object words, findings inside the quoted JSON', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = fixture('gb200x2.args');
  const uri = uriOf('gb200x2.args');
  // Editors without a language for .args send plaintext: the file name is enough.
  const diags = await c.open(uri, 'plaintext', text);
  assert.equal(
    annotated(text, diags),
    [
      '-machine virt,usb=off,gic-version=3,dump-guest-core=off,acpi=on \\',
      '         ^^^^ NVG015 error: the BAR apertures of 2 GPUs need 1 TiB (hostdev0 512 GiB, hostdev1 512 GiB) but the high PCIe MMIO window is 512 GiB (the default): set highmem-mmio-size=1T',
      `-object '{"qom-type":"acpi-generic-initiator","id":"gi15","pci-dev":"hostdev1","node":16}' \\`,
      '                                                                                      ^^ NVG017 error: no NUMA node 16 is declared: QEMU exits with "Specified node 16 is invalid"',
    ].join('\n'),
  );
  await c.stop();
});

test('a bind script: hyphenated sysfs path, bind without driver_override, plain vfio-pci on a Grace GPU — each with its fix', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = fixture('bind-broken.sh');
  const uri = uriOf('bind-broken.sh');
  const diags = await c.open(uri, 'shellscript', text);
  assert.equal(
    annotated(text, diags),
    [
      'echo $GPU0 | sudo tee /sys/bus/pci/drivers/nvgrace-gpu-vfio-pci/bind',
      '                                           ^^^^^^^^^^^^^^^^^^^^ NVG013 error: sysfs driver directory "nvgrace-gpu-vfio-pci" has hyphens: kernel driver names use underscores (KBUILD_MODNAME), so it is "nvgrace_gpu_vfio_pci"',
      "                                           ^^^^^^^^^^^^^^^^^^^^ NVG250 warning: binding 0009:01:00.0 to nvgrace_gpu_vfio_pci without writing driver_override first: the driver's ID table matches only through driver_override, so unless it is set elsewhere the kernel refuses this bind (ENODEV) — write nvgrace_gpu_vfio_pci to /sys/bus/pci/devices/…/driver_override first",
      'echo vfio-pci > /sys/bus/pci/devices/$GPU1/driver_override',
      '     ^^^^^^^^ NVG014 warning: 0008:01:00.0 is rack-a gpu0 (a Grace GPU): bound to plain vfio-pci the guest sees only its physical BARs, no device memory — use nvgrace_gpu_vfio_pci',
      'echo nvgrace-gpu-vfio-pci > "/sys/bus/pci/devices/$GPU1/driver_override"',
      '     ^^^^^^^^^^^^^^^^^^^^ NVG013 error: driver_override value "nvgrace-gpu-vfio-pci" has hyphens: kernel driver names use underscores (KBUILD_MODNAME), so it is "nvgrace_gpu_vfio_pci"',
    ].join('\n'),
  );
  // All fixes applied: nothing left to say.
  let fixed = text;
  const edits: TextEdit[] = [];
  for (const d of diags) for (const a of (await c.codeActions(uri, d.range, [d])) ?? []) if (a.diagnostics?.[0]?.code === d.code) edits.push(...a.edit!.changes![uri]);
  fixed = applyEdits(text, edits.filter((e, i) => edits.findIndex((o) => JSON.stringify(o) === JSON.stringify(e)) === i));
  assert.ok(fixed.includes('echo nvgrace_gpu_vfio_pci > /sys/bus/pci/devices/$GPU0/driver_override\necho $GPU0 | sudo tee /sys/bus/pci/drivers/nvgrace_gpu_vfio_pci/bind'), fixed);
  assert.deepEqual(await c.change(uri, [{ text: fixed }]), []);
  await c.stop();
});

test('a correct bind script (loop, driverctl, printf | tee) gets no findings', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  assert.deepEqual(await c.open(uriOf('bind-good.sh'), 'shellscript', fixture('bind-good.sh')), []);
  await c.stop();
});

test('values the script cannot know stay unknown: no findings from guesses, hovers say so', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = [
    '#!/bin/bash',
    'qemu-system-aarch64 -machine virt,highmem-mmio-size=$SIZE \\',
    '  -device vfio-pci,host=$1,id=gpu0 -object acpi-generic-initiator,id=gi0,pci-dev=gpu0,node=1 $EXTRA',
    'qemu-system-aarch64 -machine virt -device vfio-pci,host=0008:01:00.0,id=gpu0 "$@"',
    '',
  ].join('\n');
  const uri = 'file:///tmp/unknowns.sh';
  assert.deepEqual(await c.open(uri, 'shellscript', text), []);
  assert.match(markdown(await c.hover(uri, positionOf(text, 'virt,highmem', 1))), /^\*\*QEMU `virt` high PCIe MMIO window:\*\* its size is not known here/);
  assert.match(markdown(await c.hover(uri, positionOf(text, 'host=$1', 2))), /^\*\*an unknown address\*\* — no device profile names this address/);
  await c.stop();
});

test('QEMU values that QEMU refuses: sizes, NUMA ids and memory, a missing argument, a malformed address', async (t) => {
  const c = await startServer(t);
  const text = [
    'qemu-system-aarch64 -m 4G -machine virt,highmem-mmio-size=1TB \\',
    '  -numa node,nodeid=0 -numa node,nodeid=0 -numa node,nodeid=2 \\',
    "  -device 'vfio-pci,host=9:1:0' -device",
    'qemu-system-aarch64 -M virt,highmem-mmio-size=256G',
    '',
  ].join('\n');
  const diags = await c.open('file:///tmp/refused.sh', 'shellscript', text);
  assert.equal(
    renderDiagnostics(text, diags),
    [
      'qemu-system-aarch64 -m 4G -machine virt,highmem-mmio-size=1TB \\',
      '                       ^^ NVG253 error: the NUMA nodes have 0 B of memory but -m gives 4 GiB: QEMU stops with "total memory for NUMA nodes (0x0) should equal RAM size (0x100000000)"',
      `                                                          ^^^ NVG252 error: "1TB" is not a size QEMU accepts: write a number with one unit letter, such as 512G or 1T (B, K, M, G, T, P, E; binary units)`,
      '  -numa node,nodeid=0 -numa node,nodeid=0 -numa node,nodeid=2 \\',
      '                                        ^ NVG253 error: NUMA node 0 is declared twice: QEMU stops with "Duplicate NUMA nodeid: 0"',
      '                                                            ^ NVG253 error: NUMA node ids must run from 0 without gaps: node 1 is missing, QEMU stops with "numa: Node ID missing: 1"',
      "  -device 'vfio-pci,host=9:1:0' -device",
      '                         ^^^^^ NVG255 error: host=9:1:0 is not a PCI address: write [domain:]bus:device.function in hex, e.g. 0009:01:00.0',
      '                                ^^^^^^^ NVG251 error: -device needs an argument: QEMU stops with "requires an argument"',
      'qemu-system-aarch64 -M virt,highmem-mmio-size=256G',
      '                                              ^^^^ NVG016 error: highmem-mmio-size=256G is 256 GiB: the high window must be a power of two of at least 512 GiB — QEMU refuses it ("highmem-mmio-size cannot be set to a lower value than the default (512 GiB)"); 512 GiB would do',
      '',
    ].join('\n'),
  );
  await c.stop();
});

test('the sample workspace: examples/qemu/gh200-vm.sh and examples/libvirt/gh200-domain.xml are clean for gh200-lab', async (t) => {
  const c = await startServer(t, { settings: GH200_LAB });
  const examples = fixtures('../../examples');
  assert.deepEqual(await c.open(examples.uri('qemu/gh200-vm.sh'), 'shellscript', examples.text('qemu/gh200-vm.sh')), []);
  const xml = examples.text('libvirt/gh200-domain.xml');
  assert.deepEqual(await c.open(examples.uri('libvirt/gh200-domain.xml'), 'xml', xml), []);
  assert.match(markdown(await c.hover(examples.uri('libvirt/gh200-domain.xml'), positionOf(xml, "bus='0x01'", 2))), /^\*\*`0009:01:00\.0` — gh200-lab\*\*/);
  await c.stop();
});

test('QEMU started through ${QEMU:-qemu-system-aarch64}, devices named by sysfsdev=: still read, findings on the address', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = [
    'QEMU=${QEMU:-qemu-system-aarch64}',
    '$QEMU -machine virt,highmem-mmio-size=1T -device vfio-pci,sysfsdev=/sys/bus/pci/devices/0008:01:00.0,id=g',
    '',
  ].join('\n');
  const diags = await c.open('file:///tmp/sysfsdev.sh', 'shellscript', text);
  assert.equal(
    renderDiagnostics(text, diags),
    [
      'QEMU=${QEMU:-qemu-system-aarch64}',
      '$QEMU -machine virt,highmem-mmio-size=1T -device vfio-pci,sysfsdev=/sys/bus/pci/devices/0008:01:00.0,id=g',
      "                                                                                        ^^^^^^^^^^^^ NVG018 warning: g has no generic-initiator nodes; a Grace GPU expects 8 memory-less nodes of its own, one acpi-generic-initiator per node — with fewer, the guest driver's MIG setup is limited",
      '',
    ].join('\n'),
  );
  await c.stop();
});

// Domain §2/§6.1: on Grace Blackwell (no MIG bug, 6.14+) region 2 is the GPU's
// physical BAR, whose size no profile carries; BAR0's 16 MiB is the preset's
// typical value. The hovers say what the aperture sum leaves out or assumes.
test('a GB200 hover says its physical region-2 BAR is not counted and BAR0 is a typical size', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = 'qemu-system-aarch64 -machine virt -device pcie-root-port,id=rp0,chassis=1 -device vfio-pci,host=0008:01:00.0,bus=rp0,id=g0\n';
  const uri = 'file:///ws/gb.sh';
  await c.open(uri, 'shellscript', text);
  const md = markdown(await c.hover(uri, positionOf(text, 'host=', 2)));
  // 16 MiB + 256 GiB = 0x40_0100_0000 → 512 GiB
  assert.ok(md.includes('Guest aperture: 16 MiB + 256 GiB = 0x4001000000 → a 512 GiB block behind its root port'), md);
  assert.ok(md.includes("BAR0 16 MiB: the typical size of the GB200 preset, not read from your host. Region 2 is the GPU's own physical BAR here (no MIG hardware bug, 6.14+): its size is not in the profile and is not counted, so this GPU may need more of the window."), md);
  const w = markdown(await c.hover(uri, positionOf(text, 'virt', 1)));
  assert.ok(w.includes("Not counted: a Grace Blackwell GPU's physical region-2 BAR (passed through; its size is not in the profile)."), w);
  // On a kernel that always carves, region 2 is resmem: nothing left out.
  await c.configure({ ...GB200_RACK, kernel: '6.13' });
  const old = markdown(await c.hover(uri, positionOf(text, 'host=', 2)));
  assert.ok(old.includes('| BAR2 | resmem | 1 GiB | 1 GiB | 0 B |') && !old.includes('Region 2 is the GPU'), old);
  await c.stop();
});
