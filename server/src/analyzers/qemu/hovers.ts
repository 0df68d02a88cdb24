// Hover texts for a VM definition: a passed-through GPU's layout and where its
// apertures land, the machine's high window with every GPU's placement, a
// generic initiator's node. Markdown, built only when asked.
import type { HoverFact } from '../../analysis';
import { QEMU_VIRT, VFIO_REGIONS, barRows, gpuStride, hex, human, kernelLabel } from '../../model';
import { VmConfig, nodeLabel } from './config';
import type { GpuView } from './gpus';
import { formatQemuSize } from './size';
import { fitOf, isVirtMachine, windowSize } from './windowChecks';

function profileLine(g: GpuView): string {
  const p = g.profile;
  const what = p.preset ? `${p.preset.label}` : 'explicit memphys/memlength';
  const from = p.source === 'preset' ? 'preset' : p.source === 'settings' ? 'settings' : `profile file ${p.source}`;
  const addr = g.device.bdf ? `\`${g.device.bdf}\`` : 'an unknown address';
  if (g.matched) return `**${addr} — ${p.name}** (${what}; from ${from}; kernel ${kernelLabel(p.kernel)})`;
  return `**${addr}** — no device profile names this address; the numbers below assume the active profile **${p.name}** (${what}; kernel ${kernelLabel(p.kernel)}). Add the device to \`.vfio-lens.json\` to use its own.`;
}

function barTable(g: GpuView): string {
  const l = g.profile.layout;
  if (!l.ok) return `The driver computes no fake BARs for this device: ${l.error} — ${l.message}`;
  const rows = barRows(l).map((r) => `| ${r.bar} | ${r.role} | ${human(r.memlength)} | ${human(r.barSize)} | ${human(r.padding)} |`);
  const physical = (g.bars ?? []).filter((b) => !b.emulated).map((b) => `| ${VFIO_REGIONS[b.regionIndex].name} | physical | — | ${human(b.size)} | — |`);
  return ['| BAR | role | device memory | BAR size | padding |', '|---|---|---|---|---|', ...rows, ...physical].join('\n');
}

/**
 * What the aperture sum takes on trust: physical BAR sizes come from the SKU
 * preset (typical values), and a Grace Blackwell GPU's physical region 2 has
 * no size vfio-lens knows, so it is left out.
 */
function apertureCaveats(g: GpuView): string | undefined {
  const notes: string[] = [];
  const physical = (g.bars ?? []).filter((b) => !b.emulated);
  if (physical.length && g.profile.preset) {
    notes.push(`${physical.map((b) => `${VFIO_REGIONS[b.regionIndex].name} ${human(b.size)}`).join(', ')}: the typical size of the ${g.profile.preset.label} preset, not read from your host.`);
  }
  const l = g.profile.layout;
  if (l.ok && !l.resmem) {
    notes.push('Region 2 is the GPU\'s own physical BAR here (no MIG hardware bug, 6.14+): its size is not in the profile and is not counted, so this GPU may need more of the window.');
  }
  return notes.length ? notes.join(' ') : undefined;
}

const WINDOW_RULE = 'A GPU behind its own root port needs a bridge window that is a power of two holding all its 64-bit BARs; a GPU on the root bus (pcie.0, or no bus=) has each BAR placed on its own. Blocks are placed largest first, naturally aligned.';

export function gpuHover(vm: VmConfig, g: GpuView, gpus: readonly GpuView[]): string {
  const parts = [profileLine(g), barTable(g)];
  if (g.bars) {
    const sizes = g.bars.map((b) => b.size);
    const sum = sizes.reduce((a, b) => a + b, 0n);
    const w = windowSize(vm);
    const counted = gpus.filter((x) => x.counted && x.bars);
    let placed = '';
    if (g.counted && w.kind === 'known') {
      const fit = fitOf(counted, w.bytes);
      const p = fit.placements[counted.indexOf(g)];
      placed = p ? ` — at offset ${hex(p.offset)} of the ${human(w.bytes)} high window${p.fits ? '' : ', **past its end**'}` : '';
    }
    parts.push(
      g.device.rootBus
        ? `Guest aperture: ${sizes.map((x) => human(x)).join(' + ')} = ${hex(sum)}, on the root bus: each BAR placed on its own${placed}.`
        : `Guest aperture: ${sizes.map((x) => human(x)).join(' + ')} = ${hex(sum)} → a ${human(gpuStride(sizes))} block behind its root port${placed}.`,
    );
    const caveats = apertureCaveats(g);
    if (caveats) parts.push(caveats);
  }
  if (g.counted || g.initiators.length) {
    const want = QEMU_VIRT.GI_NODES_PER_GPU;
    parts.push(g.nodes.length ? `Generic-initiator nodes: ${g.nodeLabels.join(', ')} (${g.nodes.length} of the ${want} a Grace GPU expects).` : `Generic-initiator nodes: none (a Grace GPU expects ${want}).`);
  } else {
    parts.push('Not counted as a Grace GPU in the MMIO window: no profile names its address and no generic initiator points at it.');
  }
  return parts.join('\n\n');
}

export function windowHover(vm: VmConfig, gpus: readonly GpuView[]): string {
  const m = vm.machine;
  if (!isVirtMachine(m)) return '';
  const w = windowSize(vm);
  const counted = gpus.filter((g) => g.counted && g.bars);
  const head = (() => {
    switch (w.kind) {
      case 'off':
        return '**QEMU `virt` high PCIe MMIO window: off** — 64-bit BARs cannot be placed.';
      case 'known':
        return `**QEMU \`virt\` high PCIe MMIO window: ${human(w.bytes)}** (${w.explicit ? m.window!.label : 'the default'})`;
      case 'invalid':
        return `**QEMU \`virt\` high PCIe MMIO window:** ${m.window!.label} is not a window size QEMU accepts.`;
      default:
        return '**QEMU `virt` high PCIe MMIO window:** its size is not known here (set by a value vfio-lens cannot see).';
    }
  })();
  if (!counted.length) return `${head}\n\nNo Grace GPU is passed through (a device counts when a profile names its address or generic initiators point at it).`;
  const fit = fitOf(counted, w.kind === 'known' ? w.bytes : QEMU_VIRT.HIGH_MMIO_DEFAULT);
  const rows = fit.placements.map((p, i) => {
    const g = counted[i];
    const bars = g.bars!.map((b) => `${VFIO_REGIONS[b.regionIndex].name} ${human(b.size)}`).join(' + ');
    const fits = w.kind === 'known' ? (p.fits ? '✓' : '✗') : '?';
    return `| ${g.label}${g.device.bdf ? ` \`${g.device.bdf}\`` : ''} | ${g.profile.name}${g.matched ? '' : ' (assumed)'} | ${bars} | ${human(p.stride)}${p.rootBus ? ' (root bus, BAR by BAR)' : ''} | ${hex(p.offset)} | ${fits} |`;
  });
  return [
    head,
    ...(m.window?.note ? [m.window.note] : []),
    ['| GPU | profile | BARs | takes | offset | fits |', '|---|---|---|---|---|---|', ...rows].join('\n'),
    `Used: ${human(fit.used)}. Smallest window that holds them: ${human(fit.neededWindow)} (\`highmem-mmio-size=${formatQemuSize(fit.neededWindow)}\`${fit.neededWindow === QEMU_VIRT.HIGH_MMIO_DEFAULT ? ', the default' : ''}). ${WINDOW_RULE}`,
    ...(counted.some((g) => g.profile.layout.ok && !g.profile.layout.resmem)
      ? ["Not counted: a Grace Blackwell GPU's physical region-2 BAR (passed through; its size is not in the profile)."]
      : []),
  ].join('\n\n');
}

export function vmHovers(vm: VmConfig, gpus: readonly GpuView[]): HoverFact[] {
  const hovers: HoverFact[] = gpus.map((g) => ({ range: g.device.where.range(), markdown: () => gpuHover(vm, g, gpus) }));
  if (isVirtMachine(vm.machine)) {
    const m = vm.machine;
    hovers.push({ range: m.typeText.range(), markdown: () => windowHover(vm, gpus) });
    if (m.window) hovers.push({ range: (m.window.whole ?? m.window.text).range(), markdown: () => windowHover(vm, gpus) });
  }
  for (const gi of vm.initiators) {
    if (!gi.nodeText || gi.node === undefined) continue;
    const g = gpus.find((x) => x.device.id !== undefined && x.device.id === gi.pciDev);
    const n = vm.numa.find((x) => x.id === gi.node);
    const node = nodeLabel(gi.node, gi.nodeText);
    hovers.push({
      range: gi.nodeText.range(),
      markdown: () =>
        `**Generic initiator: NUMA node ${node} → ${g ? `${g.label}${g.device.bdf ? ` (\`${g.device.bdf}\`)` : ''}` : `\`${gi.pciDev ?? '?'}\``}**\n\n` +
        (n ? `Node ${node} is declared${n.hasMemory ? ' with memory' : n.hasMemory === false ? ', memory-less' : ''}.` : `No NUMA node ${node} is declared here.`) +
        ' QEMU writes one SRAT Generic Initiator Affinity entry per object; the guest driver onlines the GPU memory of a MIG instance into such a node.',
    });
  }
  return hovers;
}
