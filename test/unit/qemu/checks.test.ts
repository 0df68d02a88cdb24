// The QEMU checks on a parsed command line, without a server: window fit and
// size, generic initiators and NUMA, and silence where values are unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisContext } from '../../../server/src/analysis';
import { analyzeVm } from '../../../server/src/analyzers/qemu/analyzeVm';
import { parseArgv } from '../../../server/src/analyzers/qemu/argv';
import { vmFromArgv } from '../../../server/src/analyzers/qemu/fromArgv';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { readSettings } from '../../../shared/settings';
import { lineWords } from '../../support/snippets';

function contextFor(settings: Record<string, unknown>): AnalysisContext {
  const s = readSettings(settings).settings;
  const profiles = new ProfileStore(s);
  return { settings: s, profile: profiles.active(), profiles, revision: 0 };
}
const GH96 = contextFor({}); // the GH200 96 GB preset is active

function findings(line: string, ctx = GH96): string[] {
  const vm = vmFromArgv(parseArgv(lineWords(line).map((text) => ({ text }))));
  // Each finding with the text it underlines (all on one line).
  return analyzeVm(vm, ctx).diagnostics.map((d) => `${d.code} "${line.slice(d.range.start.character, d.range.end.character)}": ${d.message}`);
}

/** n GPUs with 8 GI nodes each (nodes 1…8n), no window setting; each behind a root port of its own, or on the root bus. */
function gpus(n: number, machine = 'virt', bus: 'root-port' | 'root-bus' | 'pcie.0' = 'root-port'): string {
  const numa = ['-numa node,nodeid=0', ...Array.from({ length: 8 * n }, (_, i) => `-numa node,nodeid=${i + 1}`)];
  const plug = (g: number) => (bus === 'root-port' ? `-device pcie-root-port,id=rp${g},chassis=${g + 1} ` : '');
  const on = (g: number) => (bus === 'root-port' ? `,bus=rp${g}` : bus === 'pcie.0' ? ',bus=pcie.0' : '');
  const devs = Array.from({ length: n }, (_, g) => [`${plug(g)}-device vfio-pci,host=000${g}:01:00.0,id=gpu${g}${on(g)}`, ...Array.from({ length: 8 }, (_, k) => `-object acpi-generic-initiator,id=gi${g}${k},pci-dev=gpu${g},node=${g * 8 + k + 1}`)].join(' '));
  return [`-machine ${machine}`, ...numa, ...devs].join(' ');
}

test('GH200 96 GB strides are 256 GiB: two fit the default window exactly, three need 1 TiB', () => {
  assert.deepEqual(findings(gpus(2)), []);
  const three = findings(gpus(3));
  assert.equal(three.length, 1);
  assert.match(three[0], /^NVG015 "virt": the BAR apertures of 3 GPUs need 768 GiB \(gpu0 256 GiB, gpu1 256 GiB, gpu2 256 GiB\) but the high PCIe MMIO window is 512 GiB \(the default\): set highmem-mmio-size=1T$/);
  assert.deepEqual(findings(gpus(3, 'virt,highmem-mmio-size=1T')), []);
  assert.match(findings(gpus(3, 'virt,highmem=off'))[0], /^NVG015 "highmem=off": the high PCIe MMIO window is switched off/);
});

// On the root bus there is no bridge window: each BAR is placed on its own (largest first, naturally
// aligned). GH200 96 GB: 128 GiB + 1 GiB + 16 MiB = 129 GiB 16 MiB a GPU; three take 387 GiB 48 MiB.
test('GPUs on the root bus (no bus=, or bus=pcie.0) need the sum of their BARs, not a power-of-two block each', () => {
  assert.deepEqual(findings(gpus(3, 'virt', 'root-bus')), []);
  assert.deepEqual(findings(gpus(3, 'virt', 'pcie.0')), []);
  // Four: 516 GiB 64 MiB > 512 GiB.
  const four = findings(gpus(4, 'virt', 'root-bus'));
  assert.equal(four.length, 1);
  assert.match(four[0], /^NVG015 "virt": the BAR apertures of 4 GPUs need ≈ 516\.062 GiB \(gpu0 ≈ 129\.015 GiB on the root bus, .*\) but the high PCIe MMIO window is 512 GiB \(the default\): set highmem-mmio-size=1T$/);
  // A bus vfio-lens cannot read (a variable) keeps the root-port rule: 3 × 256 GiB.
  assert.match(findings(`${gpus(3, 'virt', 'root-bus').replaceAll(',id=gpu', ',bus=$BUS,id=gpu')}`)[0] ?? '', /need 768 GiB/);
});

test('a GB300 (512 GiB usemem BAR) alone needs a 1 TiB window', () => {
  const f = findings(gpus(1), contextFor({ profile: { name: 'gb300', sku: 'gb300' } }));
  assert.deepEqual(f.map((x) => x.slice(0, 6)), ['NVG015']);
  assert.match(f[0], /need 1 TiB \(gpu0 1 TiB\).*set highmem-mmio-size=1T$/);
});

test('window checks apply to the virt machine only, and stay silent when its size is unknown', () => {
  assert.deepEqual(findings(gpus(3, 'q35')), []);
  assert.equal(findings(gpus(3, 'virt-rhel9.4.0')).length, 1, 'versioned and vendor virt types are virt');
  assert.deepEqual(findings(gpus(3, 'virt,highmem-mmio-size=?')), []);
  assert.deepEqual(findings(`${gpus(3)} ?`), [], 'an unknown word could be another -machine');
});

test('an invalid highmem-mmio-size suggests the next valid size, at least what the GPUs need', () => {
  assert.match(findings('-machine virt,highmem-mmio-size=768G')[0], /^NVG016 .*768 GiB.*not a power of 2.*1 TiB would do$/);
  assert.match(findings(gpus(5, 'virt,highmem-mmio-size=600G'))[0], /^NVG016 .*2 TiB would do$/);
});

test('generic initiators QEMU refuses, and what MIG needs', () => {
  const line = '-machine virt -numa node,nodeid=0 -numa node,nodeid=1,memdev=m1 -device vfio-pci,host=9:1:0.0,id=a -object acpi-generic-initiator,pci-dev=a,node=1 -object acpi-generic-initiator,pci-dev=b,node=200 -object acpi-generic-initiator,pci-dev=a,node=3';
  assert.deepEqual(findings(line), [
    'NVG017 "b": pci-dev=b names no device: QEMU exits with "Specified device must be a PCI device"',
    `NVG018 "1": generic initiator node 1 has memory: a Grace GPU's GI nodes are meant to be memory-less, so the guest driver can online the GPU's memory into them`,
    'NVG017 "200": generic initiator node 200 is not below 128: QEMU exits with "Invalid NUMA node specified"',
    'NVG017 "3": no NUMA node 3 is declared: QEMU exits with "Specified node 3 is invalid"',
    `NVG018 "9:1:0.0": a has 2 generic-initiator nodes (1, 3); a Grace GPU expects 8 memory-less nodes of its own, one acpi-generic-initiator per node — with fewer, the guest driver's MIG setup is limited`,
  ]);
  // With part of the line unknown, nothing that depends on what is absent is said.
  assert.deepEqual(findings(`${line} ?`).map((f) => f.slice(0, 13)), ['NVG018 "1": g', 'NVG017 "200":']);
});
