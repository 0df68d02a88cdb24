// A libvirt <domain> → the VM model the QEMU checks read: the machine from
// <os><type machine=…>, the window from <pcihole64> on the pcie-root
// controller, NUMA cells from <cpu><numa>, PCI <hostdev>s with the alias
// libvirt gives them (hostdevN) and one generic initiator per node of their
// <acpi nodeset=…>.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticFact } from '../../analysis';
import { normalizeBdf } from '../../profiles/activeProfile';
import type { GenericInitiator, MachineConfig, NumaNode, PassthroughDevice, VmConfig, WindowSetting } from '../qemu/config';
import type { MappedText } from '../qemu/text';
import { parseNodeSet } from './nodeset';
import { scaledInteger } from './units';
import { XmlElement, attr, child, childrenNamed, startTag, textOf } from './xml';

export interface DomainHostdev {
  readonly element: XmlElement;
  readonly device: PassthroughDevice;
  /** `<driver model=…>` value, when given. */
  readonly model?: MappedText;
}

export interface DomainVm {
  readonly vm: VmConfig;
  readonly hostdevs: readonly DomainHostdev[];
  readonly problems: readonly DiagnosticFact[];
}

function pcihole64(doc: TextDocument, devices: XmlElement | undefined): WindowSetting | undefined {
  const root = devices && childrenNamed(devices, 'controller').find((c) => attr(c, 'type')?.value.text === 'pci' && attr(c, 'model')?.value.text === 'pcie-root');
  const hole = root && child(root, 'pcihole64');
  if (!hole) return undefined;
  const text = textOf(doc, hole);
  const unit = attr(hole, 'unit')?.value.text;
  const size = scaledInteger(text.text, unit, 'KiB');
  return {
    text,
    label: `<pcihole64${unit ? ` unit='${unit}'` : ''}>${text.text}</pcihole64>`,
    note: "`<pcihole64>` on the pcie-root controller sizes this window with the libvirt build the KubeVirt Grace VEP uses; upstream libvirt takes it only for PC machine types — there, pass `-machine highmem-mmio-size=…` through `<qemu:commandline>`.",
    size: size.ok ? { ok: true, value: size.value } : { ok: false, message: `<pcihole64>: ${size.message}` },
    rewrite: (bytes) => {
      const range = text.editableRange();
      if (!size.ok || !range || bytes % size.multiplier !== 0n) return undefined;
      return { title: `Set <pcihole64> to ${bytes / size.multiplier}`, edits: [{ range, newText: (bytes / size.multiplier).toString() }], preferred: true };
    },
  };
}

function machine(doc: TextDocument, root: XmlElement): MachineConfig | undefined {
  const type = child(root, 'os') && child(child(root, 'os')!, 'type');
  if (!type) return undefined;
  const m = attr(type, 'machine');
  const arch = attr(type, 'arch');
  // libvirt's default machine for aarch64 is virt.
  const name = m ? m.value.text : arch?.value.text === 'aarch64' ? 'virt' : undefined;
  const window = pcihole64(doc, child(root, 'devices'));
  return { type: name, typeText: m?.value ?? arch?.value ?? startTag(doc, type), ...(window ? { window } : {}) };
}

function numa(doc: TextDocument, root: XmlElement): NumaNode[] {
  const cpu = child(root, 'cpu');
  const cells = cpu && child(cpu, 'numa');
  if (!cells) return [];
  return childrenNamed(cells, 'cell').map((cell, i) => {
    const id = attr(cell, 'id');
    const memory = attr(cell, 'memory');
    const size = memory ? scaledInteger(memory.value.text, attr(cell, 'unit')?.value.text, 'KiB') : undefined;
    return {
      // Without ids, libvirt numbers cells in order.
      id: id ? (/^\d+$/.test(id.value.text) ? Number(id.value.text) : undefined) : i,
      idText: id?.value ?? startTag(doc, cell),
      hasMemory: size?.ok ? size.value > 0n : undefined,
      ...(memory ? { memoryText: memory.value } : {}),
    };
  });
}

const HEX_OR_DEC = /^(0x[0-9a-fA-F]+|\d+)$/;

function hostAddress(doc: TextDocument, source: XmlElement | undefined, problems: DiagnosticFact[], where: MappedText): string | undefined {
  const address = source && child(source, 'address');
  if (!address) {
    problems.push({ range: where.range(), severity: 'error', code: 'NVG258', message: "<hostdev type='pci'> needs <source><address domain=… bus=… slot=… function=…/></source>" });
    return undefined;
  }
  const parts: number[] = [];
  for (const [name, dflt] of [['domain', '0'], ['bus', undefined], ['slot', undefined], ['function', undefined]] as const) {
    const a = attr(address, name);
    const v = a?.value.text ?? dflt;
    if (v === undefined || !HEX_OR_DEC.test(v)) {
      problems.push({ range: (a?.value ?? startTag(doc, address)).range(), severity: 'error', code: 'NVG258', message: a ? `${name}='${v}' is not a number (write hex like 0x09)` : `<address> lacks ${name}=` });
      return undefined;
    }
    parts.push(Number(v));
  }
  const [dom, bus, slot, fn] = parts;
  const h = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return normalizeBdf(`${h(dom, 4)}:${h(bus, 2)}:${h(slot, 2)}.${fn}`);
}

/**
 * The hostdev's guest address on bus 0 (pcie-root) puts it on the root bus; without one, libvirt
 * gives a PCIe device a pcie-root-port of its own.
 */
function onRootBus(hostdev: XmlElement): boolean {
  const guest = child(hostdev, 'address');
  const bus = guest && attr(guest, 'type')?.value.text === 'pci' ? attr(guest, 'bus')?.value.text : undefined;
  return bus !== undefined && /^(0x0*|0+)$/i.test(bus.trim());
}

export function domainVm(doc: TextDocument, root: XmlElement): DomainVm {
  const problems: DiagnosticFact[] = [];
  const devices = child(root, 'devices');
  const hostdevs: DomainHostdev[] = [];
  const ids = new Map<string, MappedText>();
  const initiators: GenericInitiator[] = [];
  // libvirt numbers hostdev aliases over <hostdev> and <interface type='hostdev'> in order.
  const all = (devices?.children ?? []).filter((d) => d.local === 'hostdev' || (d.local === 'interface' && attr(d, 'type')?.value.text === 'hostdev'));
  for (const d of devices?.children ?? []) {
    const alias = child(d, 'alias') && attr(child(d, 'alias')!, 'name');
    if (alias) ids.set(alias.value.text, alias.value);
  }
  all.forEach((el, index) => {
    if (el.local !== 'hostdev' || attr(el, 'type')?.value.text !== 'pci') return;
    const alias = child(el, 'alias') && attr(child(el, 'alias')!, 'name');
    const id = alias?.value.text ?? `hostdev${index}`;
    const source = child(el, 'source');
    const address = source && child(source, 'address');
    const where = address ? startTag(doc, address) : startTag(doc, el);
    const bdf = hostAddress(doc, source, problems, where);
    const device: PassthroughDevice = { driver: 'hostdev', id, idKnown: true, ...(bdf ? { bdf } : {}), where, rootBus: onRootBus(el) };
    if (!ids.has(id)) ids.set(id, where);
    const model = child(el, 'driver') && attr(child(el, 'driver')!, 'model');
    hostdevs.push({ element: el, device, ...(model ? { model: model.value } : {}) });
    const acpi = child(el, 'acpi');
    const nodeset = acpi && attr(acpi, 'nodeset');
    if (!nodeset) return;
    const set = parseNodeSet(nodeset.value);
    if (!set.ok) {
      problems.push({ range: set.token.range(), severity: 'error', code: 'NVG257', message: `<acpi nodeset='${nodeset.value.text}'>: ${set.message}` });
      return;
    }
    for (const { node, token } of set.nodes) initiators.push({ pciDev: id, pciDevText: where, node, nodeText: token, where: startTag(doc, acpi!) });
  });
  const m = machine(doc, root);
  return {
    vm: { ...(m ? { machine: m } : {}), numa: numa(doc, root), devices: hostdevs.map((h) => h.device), deviceIds: ids, initiators, complete: true },
    hostdevs,
    problems,
  };
}
