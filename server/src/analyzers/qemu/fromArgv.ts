// QEMU options → VmConfig. Follows QEMU's reading: -machine options merge
// (a later property wins), `-numa node` without nodeid takes the next free
// number, `-object acpi-generic-initiator` names a device by its id.
import { normalizeBdf } from '../../profiles/activeProfile';
import type { QemuArgv, QemuOption } from './argv';
import type { GenericInitiator, MachineConfig, NumaNode, PassthroughDevice, VmConfig, WindowSetting } from './config';
import { KeyvalItem, lastValue } from './keyval';
import { formatQemuSize, parseQemuSize } from './size';
import type { MappedText } from './text';

export const VFIO_DRIVERS = new Set(['vfio-pci', 'vfio-pci-nohotplug']);
export const GENERIC_INITIATOR = 'acpi-generic-initiator';

function props(o: QemuOption): readonly KeyvalItem[] {
  return o.props?.items ?? [];
}

function windowSetting(item: KeyvalItem): WindowSetting {
  const text = item.value;
  return {
    text,
    whole: item.item,
    label: `highmem-mmio-size=${text.known ? text.text : '…'}`,
    size: text.known ? parseQemuSize(text.text) : undefined,
    rewrite: (size) => {
      const range = text.editableRange();
      return range && { title: `Set highmem-mmio-size=${formatQemuSize(size)}`, edits: [{ range, newText: formatQemuSize(size) }], preferred: true };
    },
  };
}

function machine(options: readonly QemuOption[]): MachineConfig | undefined {
  const machines = options.filter((o) => o.name === 'machine' && o.props);
  if (!machines.length) return undefined;
  // Later -machine options override earlier ones, property by property.
  const last = new Map<string, KeyvalItem>();
  for (const o of machines) for (const item of props(o)) last.set(item.key, item);
  const typeItem = last.get('type');
  const window = last.get('highmem-mmio-size');
  const off = ['highmem', 'highmem-mmio'].map((k) => last.get(k)).find((i) => i?.value.known && /^(off|false|no)$/.test(i.value.text));
  const withType = machines.find((o) => props(o).some((i) => i === typeItem)) ?? machines[0];
  const arg = withType.arg!;
  const typeText = typeItem?.value ?? arg;
  return {
    type: typeItem?.value.known ? typeItem.value.text : undefined,
    typeText,
    ...(window ? { window: windowSetting(window) } : {}),
    ...(off ? { highWindowOff: off.item } : {}),
    addWindow: (size) => {
      // Append to the argument that names the machine, right after its last character.
      if (!arg.editableRange(arg.length - 1, arg.length)) return undefined;
      const text = `,highmem-mmio-size=${formatQemuSize(size)}`;
      return { title: `Add highmem-mmio-size=${formatQemuSize(size)}`, edits: [{ range: arg.endRange(), newText: text }], preferred: true };
    },
  };
}

/** Sizes of `-object memory-backend-*,id=…,size=…` by id. */
function backendSizes(options: readonly QemuOption[]): Map<string, bigint> {
  const sizes = new Map<string, bigint>();
  for (const o of options) {
    const type = o.name === 'object' && o.props ? lastValue(o.props, 'qom-type') : undefined;
    if (!type?.value.text.startsWith('memory-backend-')) continue;
    const id = lastValue(o.props!, 'id');
    const size = lastValue(o.props!, 'size');
    const parsed = size?.value.known ? parseQemuSize(size.value.text) : undefined;
    if (id?.value.known && parsed?.ok) sizes.set(id.value.text, parsed.value);
  }
  return sizes;
}

function numaNodes(options: readonly QemuOption[], before: number): NumaNode[] {
  const nodes: NumaNode[] = [];
  const backends = backendSizes(options);
  for (const o of options) {
    if (o.name !== 'numa' || !o.props) continue;
    const type = lastValue(o.props, 'type');
    if (!type || type.value.text !== 'node') continue;
    const idItem = lastValue(o.props, 'nodeid');
    const memdev = lastValue(o.props, 'memdev');
    const mem = lastValue(o.props, 'mem');
    const memory = memdev ?? mem;
    // -numa mem= reads a bare number as MiB.
    const bytes = memdev ? (memdev.value.known ? backends.get(memdev.value.text) : undefined) : mem ? (mem.value.known ? okSize(parseQemuSize(mem.value.text, 'M')) : undefined) : o.props.complete ? 0n : undefined;
    let id: number | undefined;
    if (idItem) id = idItem.value.known && /^\d+$/.test(idItem.value.text) ? Number(idItem.value.text) : undefined;
    else id = before + nodes.length; // QEMU numbers a node without nodeid by how many came before
    nodes.push({
      id,
      idText: idItem?.value ?? o.arg!,
      hasMemory: memory ? true : o.props.complete ? false : undefined,
      ...(memory ? { memoryText: memory.item } : {}),
      ...(bytes !== undefined ? { memory: bytes } : {}),
    });
  }
  return nodes;
}

function devices(options: readonly QemuOption[]): { devices: PassthroughDevice[]; ids: Map<string, MappedText>; idsKnown: boolean } {
  const out: PassthroughDevice[] = [];
  const ids = new Map<string, MappedText>();
  let idsKnown = true;
  for (const o of options) {
    if (o.name !== 'device') continue;
    if (!o.props) {
      idsKnown = false;
      continue;
    }
    const id = lastValue(o.props, 'id');
    if (id && id.value.known) ids.set(id.value.text, id.value);
    else if (id) idsKnown = false;
    const driver = lastValue(o.props, 'driver');
    if (!driver || !driver.value.known || !VFIO_DRIVERS.has(driver.value.text)) continue;
    // host=BDF, or sysfsdev=/sys/bus/pci/devices/BDF
    const sysfs = lastValue(o.props, 'sysfsdev');
    const sysfsBdf = sysfs?.value.known ? /^\/sys\/bus\/pci\/devices\/([^/]+)\/?$/.exec(sysfs.value.text) : null;
    // Without bus=, QEMU plugs a device into the first bus that takes it: the root bus pcie.0.
    const bus = lastValue(o.props, 'bus');
    const rootBus = !bus ? true : bus.value.known ? bus.value.text === 'pcie.0' : undefined;
    const host = lastValue(o.props, 'host') ?? (sysfs && sysfsBdf ? { ...sysfs, value: sysfs.value.slice(sysfs.value.length - sysfsBdf[1].length - (sysfs.value.text.endsWith('/') ? 1 : 0), sysfs.value.length - (sysfs.value.text.endsWith('/') ? 1 : 0)) } : undefined);
    out.push({
      driver: driver.value.text,
      id: id?.value.known ? id.value.text : undefined,
      idKnown: !id || id.value.known,
      ...(host ? { hostText: host.value } : {}),
      ...(host?.value.known ? { bdf: normalizeBdf(host.value.text) } : {}),
      where: o.arg!,
      ...(rootBus !== undefined ? { rootBus } : {}),
    });
  }
  return { devices: out, ids, idsKnown };
}

function initiators(options: readonly QemuOption[]): GenericInitiator[] {
  const out: GenericInitiator[] = [];
  for (const o of options) {
    if (o.name !== 'object' || !o.props) continue;
    const type = lastValue(o.props, 'qom-type');
    if (!type || type.value.text !== GENERIC_INITIATOR) continue;
    const dev = lastValue(o.props, 'pci-dev');
    const node = lastValue(o.props, 'node');
    out.push({
      pciDev: dev?.value.known ? dev.value.text : undefined,
      ...(dev ? { pciDevText: dev.value } : {}),
      node: node?.value.known && /^\d+$/.test(node.value.text) ? Number(node.value.text) : undefined,
      ...(node ? { nodeText: node.value } : {}),
      where: o.arg!,
    });
  }
  return out;
}

function okSize(s: ReturnType<typeof parseQemuSize>): bigint | undefined {
  return s.ok ? s.value : undefined;
}

function ram(options: readonly QemuOption[]): VmConfig['ram'] {
  const m = [...options].reverse().find((o) => o.name === 'm' && o.props);
  const size = m?.props && lastValue(m.props, 'size');
  if (!size) return undefined;
  return { text: size.value, size: size.value.known ? parseQemuSize(size.value.text, 'M') : undefined };
}

/** `numaBefore`: nodes declared before these options (libvirt's own cells). */
export function vmFromArgv(argv: QemuArgv, numaBefore = 0): VmConfig {
  const d = devices(argv.options);
  const m = machine(argv.options);
  const r = ram(argv.options);
  return {
    ...(m ? { machine: m } : {}),
    numa: numaNodes(argv.options, numaBefore),
    devices: d.devices,
    deviceIds: d.ids,
    initiators: initiators(argv.options),
    complete: argv.complete && d.idsKnown,
    ...(r ? { ram: r } : {}),
  };
}
