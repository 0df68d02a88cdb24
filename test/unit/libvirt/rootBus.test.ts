// Where a libvirt hostdev sits in the guest decides how its BARs take the
// high MMIO window: a guest address on bus 0 is the root bus (each BAR on its
// own); without one, libvirt gives a PCIe device a pcie-root-port, whose
// bridge window is a power of two holding all of its BARs (domain §6.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LibvirtAnalyzer } from '../../../server/src/analyzers/libvirt/libvirtAnalyzer';
import { ProfileStore, resolveDevice } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const profiles = new ProfileStore(DEFAULT_SETTINGS);
// Four GH200 96 GB (128 GiB + 1 GiB + 16 MiB of BARs each).
const bdfs = ['0008:01:00.0', '0009:01:00.0', '0018:01:00.0', '0019:01:00.0'];
profiles.setFileDevices('file:///w/.vfio-lens.json', bdfs.map((bdf, i) => {
  const r = resolveDevice({ name: `gpu${i}`, bdf, sku: 'gh200-96gb' }, 'file', { kernel: DEFAULT_SETTINGS.kernel, pageSize: DEFAULT_SETTINGS.pageSize });
  assert.ok(r.ok);
  return r.device;
}));
const ctx = { settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 };

function domain(guestAddress: (i: number) => string): string {
  const hostdevs = bdfs.map((bdf, i) => {
    const [dom, bus, rest] = bdf.split(':');
    const [slot, fn] = rest.split('.');
    return `<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x${dom}' bus='0x${bus}' slot='0x${slot}' function='0x${fn}'/></source>${guestAddress(i)}</hostdev>`;
  });
  return `<domain type='kvm'><os><type arch='aarch64' machine='virt'>hvm</type></os><devices>${hostdevs.join('')}</devices></domain>\n`;
}

const window = (text: string) =>
  new LibvirtAnalyzer().analyze(TextDocument.create('file:///w/d.xml', 'xml', 1, text), ctx).diagnostics.filter((d) => d.code === 'NVG015').map((d) => d.message);

test('hostdevs on guest bus 0 take the sum of their BARs; without a guest address each takes a power-of-two block', () => {
  // 4 × 256 GiB = 1 TiB behind root ports, against the 512 GiB default.
  const ported = window(domain(() => ''));
  assert.equal(ported.length, 1);
  assert.match(ported[0], /need 1 TiB \(hostdev0 256 GiB, hostdev1 256 GiB, hostdev2 256 GiB, hostdev3 256 GiB\)/);
  // On bus 0: 4 × 129 GiB 16 MiB = 516 GiB 64 MiB, still over 512 GiB, and said as such.
  const root = window(domain((i) => `<address type='pci' domain='0x0000' bus='0x00' slot='0x0${i + 4}' function='0x0'/>`));
  assert.equal(root.length, 1);
  assert.match(root[0], /need ≈ 516\.062 GiB \(hostdev0 ≈ 129\.015 GiB on the root bus,/);
  // A guest address on another bus is behind a bridge.
  assert.match(window(domain((i) => `<address type='pci' domain='0x0000' bus='0x0${i + 1}' slot='0x00' function='0x0'/>`))[0], /need 1 TiB/);
});
