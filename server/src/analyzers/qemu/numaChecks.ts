// NUMA nodes and ACPI generic initiators: what QEMU refuses (undeclared or
// out-of-range nodes, a pci-dev naming no device, duplicate or missing node
// ids) and what a Grace GPU's guest driver needs (8 memory-less nodes of its
// own for MIG).
import type { DiagnosticFact } from '../../analysis';
import { QEMU_NUMA, QEMU_VIRT, hex, human } from '../../model';
import { NumaNode, VmConfig, nodeLabel } from './config';
import type { GpuView } from './gpus';
import type { MappedText } from './text';

function nodeIdChecks(vm: VmConfig): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  const seen = new Map<number, NumaNode>();
  for (const n of vm.numa) {
    if (n.id === undefined) continue;
    if (n.id >= QEMU_NUMA.MAX_NODES) {
      out.push({ range: n.idText.range(), severity: 'error', code: 'NVG253', message: `NUMA node ${nodeLabel(n.id, n.idText)}: QEMU allows ids 0–${QEMU_NUMA.MAX_NODES - 1} ("Max number of NUMA nodes reached")` });
      continue;
    }
    const first = seen.get(n.id);
    if (first) {
      out.push({
        range: n.idText.range(),
        severity: 'error',
        code: 'NVG253',
        message: `NUMA node ${n.id} is declared twice: QEMU stops with "Duplicate NUMA nodeid: ${n.id}"`,
        related: [{ uri: first.idText.doc.uri, range: first.idText.range(), message: `node ${n.id} first declared here` }],
      });
    } else seen.set(n.id, n);
  }
  if (vm.complete && vm.numa.every((n) => n.id !== undefined) && seen.size) {
    const max = Math.max(...seen.keys());
    // QEMU reports the highest missing id first.
    for (let id = max - 1; id >= 0; id--) {
      if (seen.has(id)) continue;
      const top = seen.get(max)!;
      out.push({ range: top.idText.range(), severity: 'error', code: 'NVG253', message: `NUMA node ids must run from 0 without gaps: node ${id} is missing, QEMU stops with "numa: Node ID missing: ${id}"` });
      break;
    }
  }
  return out;
}

/**
 * Findings about GI nodes, one per place and kind: libvirt writes eight
 * nodes in one `nodeset='1-8'`, which should read as one finding, not eight.
 */
class NodeFindings {
  private readonly groups = new Map<string, { text: MappedText; nodes: string[]; make: (nodes: string) => Omit<DiagnosticFact, 'range'> }>();

  add(kind: string, text: MappedText, id: number, make: (nodes: string) => Omit<DiagnosticFact, 'range'>): void {
    const node = nodeLabel(id, text);
    const s = text.span();
    const key = `${kind}|${s.start}|${s.end}`;
    const g = this.groups.get(key);
    if (g) {
      if (!g.nodes.includes(node)) g.nodes.push(node);
    } else this.groups.set(key, { text, nodes: [node], make });
  }

  facts(): DiagnosticFact[] {
    return [...this.groups.values()].map((g) => ({ range: g.text.range(), ...g.make(g.nodes.join(', ')) }));
  }
}

function initiatorChecks(vm: VmConfig): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  const nodes = new NodeFindings();
  const declared = new Map(vm.numa.flatMap((n) => (n.id === undefined ? [] : [[n.id, n] as const])));
  const numaKnown = vm.complete && vm.numa.every((n) => n.id !== undefined);
  for (const gi of vm.initiators) {
    if (gi.node !== undefined && gi.nodeText) {
      const n = declared.get(gi.node);
      if (gi.node >= QEMU_NUMA.MAX_NODES) {
        nodes.add('range', gi.nodeText, gi.node, (list) => ({ severity: 'error', code: 'NVG017', message: `generic initiator node ${list} is not below ${QEMU_NUMA.MAX_NODES}: QEMU exits with "Invalid NUMA node specified"` }));
      } else if (numaKnown && !n) {
        nodes.add('undeclared', gi.nodeText, gi.node, (list) => ({ severity: 'error', code: 'NVG017', message: `no NUMA node ${list} is declared: QEMU exits with "Specified node ${list.split(',')[0]} is invalid"` }));
      } else if (n?.hasMemory) {
        nodes.add('memory', gi.nodeText, gi.node, (list) => ({
          severity: 'warning',
          code: 'NVG018',
          message: `generic initiator node ${list} has memory: a Grace GPU's GI nodes are meant to be memory-less, so the guest driver can online the GPU's memory into them`,
          ...(n.memoryText ? { related: [{ uri: n.memoryText.doc.uri, range: n.memoryText.range(), message: `node ${gi.node} gets memory here` }] } : {}),
        }));
      }
    }
    if (vm.complete && gi.pciDev !== undefined && !vm.deviceIds.has(gi.pciDev) && gi.pciDevText) {
      out.push({ range: gi.pciDevText.range(), severity: 'error', code: 'NVG017', message: `pci-dev=${gi.pciDev} names no device: QEMU exits with "Specified device must be a PCI device"` });
    }
    if (vm.complete && !gi.pciDevText) {
      out.push({ range: gi.where.range(), severity: 'error', code: 'NVG017', message: 'acpi-generic-initiator without pci-dev: QEMU exits with "Specified device must be a PCI device"' });
    }
  }
  return [...out, ...nodes.facts()];
}

function gpuNodeChecks(vm: VmConfig, gpus: readonly GpuView[]): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  const want = QEMU_VIRT.GI_NODES_PER_GPU;
  for (const g of gpus) {
    if (!g.counted || !vm.complete || g.nodes.length >= want) continue;
    const have = g.nodes.length ? `${g.nodes.length} generic-initiator node${g.nodes.length > 1 ? 's' : ''} (${g.nodeLabels.join(', ')})` : 'no generic-initiator nodes';
    out.push({
      range: (g.device.hostText ?? g.device.where).range(),
      severity: 'warning',
      code: 'NVG018',
      message: `${g.label} has ${have}; a Grace GPU expects ${want} memory-less nodes of its own, one acpi-generic-initiator per node — with fewer, the guest driver's MIG setup is limited`,
    });
  }
  // A node belongs to one GPU.
  const owner = new Map<number, GpuView>();
  const shared = new NodeFindings();
  for (const g of gpus) {
    for (const gi of g.initiators) {
      if (gi.node === undefined || !gi.nodeText) continue;
      const first = owner.get(gi.node);
      if (first && first !== g) {
        shared.add(`shared-${first.label}`, gi.nodeText, gi.node, (list) => ({
          severity: 'warning',
          code: 'NVG018',
          message: list.includes(',')
            ? `nodes ${list} already belong to ${first.label} as generic-initiator nodes: each GPU needs nodes of its own`
            : `node ${list} already belongs to ${first.label} as a generic-initiator node: each GPU needs nodes of its own`,
          related: first.initiators.filter((x) => x.nodeText).slice(0, 1).map((x) => ({ uri: x.nodeText!.doc.uri, range: x.nodeText!.range(), message: `${first.label}'s generic-initiator nodes` })),
        }));
      } else owner.set(gi.node, g);
    }
  }
  return [...out, ...shared.facts()];
}

/** QEMU wants the NUMA nodes' memory to add up to -m exactly. */
function memoryTotal(vm: VmConfig): DiagnosticFact[] {
  const ram = vm.ram;
  if (!ram?.size) return [];
  if (!ram.size.ok) return [{ range: ram.text.range(), severity: 'error', code: 'NVG252', message: ram.size.message }];
  if (!vm.complete || !vm.numa.length || vm.numa.some((n) => n.memory === undefined)) return [];
  const total = vm.numa.reduce((a, n) => a + n.memory!, 0n);
  if (total === ram.size.value) return [];
  return [{
    range: ram.text.range(),
    severity: 'error',
    code: 'NVG253',
    message: `the NUMA nodes have ${human(total)} of memory but -m gives ${human(ram.size.value)}: QEMU stops with "total memory for NUMA nodes (${hex(total)}) should equal RAM size (${hex(ram.size.value)})"`,
  }];
}

export function numaChecks(vm: VmConfig, gpus: readonly GpuView[]): DiagnosticFact[] {
  return [...nodeIdChecks(vm), ...memoryTotal(vm), ...initiatorChecks(vm), ...gpuNodeChecks(vm, gpus)];
}
