// `lspci -vvv` output (`.lspci`): what each BAR of a Grace GPU is to VFIO,
// whether a guest's fake BARs have the sizes the profile predicts, and the
// driver a host bound. Host dumps show physical BARs and are never compared
// with the fake sizes.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { AnalysisContext, Analyzer, DiagnosticFact, DocumentAnalysis, HoverFact } from '../../analysis';
import { NVGRACE, REGION_ROLES, VFIO, VFIO_REGIONS, hex, human, idTableFinding, kernelLabel } from '../../model';
import { layoutMarkdown } from '../layoutMarkdown';
import { dumpRegisterMarkdown, dumpRegisters } from './configDump';
import { LspciDevice, LspciRegion, Span, parseLspci } from './lspciParse';
import { GraceGpu, Side, driverName, fakeBarSize, graceGpu, likelyCauses, predictor, regionKind, sideOf } from './lspciView';

const ROM_INDEX = 6;

function range(s: Span): Range {
  return { start: { line: s.line, character: s.start }, end: { line: s.line, character: s.end } };
}

interface DeviceView {
  readonly d: LspciDevice;
  readonly gpu: GraceGpu;
  readonly side: Side;
  readonly sideWhy: string;
  readonly p: ReturnType<typeof predictor>;
}

export class LspciAnalyzer implements Analyzer {
  readonly id = 'lspci';

  accepts(doc: TextDocument): boolean {
    return doc.languageId === 'lspci';
  }

  analyze(doc: TextDocument, ctx: AnalysisContext): DocumentAnalysis {
    const diagnostics: DiagnosticFact[] = [];
    const hovers: HoverFact[] = [];
    for (const d of parseLspci(doc.getText())) {
      const gpu = graceGpu(d);
      if (!gpu) continue;
      const { side, why } = sideOf(d);
      const v: DeviceView = { d, gpu, side, sideWhy: why, p: predictor(d, gpu, ctx) };
      this.driverChecks(v, diagnostics);
      hovers.push({ range: range(d.header), markdown: () => this.deviceHover(v) });
      const skip = side === 'guest' ? this.uncomparable(v) : new Set<number>();
      for (const r of d.regions) {
        hovers.push({ range: range(r.span), markdown: () => this.regionHover(v, r) });
        if (side === 'guest' && r.index !== undefined && !skip.has(r.index)) this.guestRegionChecks(v, r, ctx, diagnostics);
      }
      for (const reg of dumpRegisters(d)) {
        for (const s of reg.spans) hovers.push({ range: range(s), markdown: () => dumpRegisterMarkdown(reg, side, v.p.device, v.p.why) });
      }
    }
    return { uri: doc.uri, version: doc.version, analyzer: this.id, diagnostics, hovers, inlayHints: [], codeLenses: [] };
  }

  private driverChecks(v: DeviceView, out: DiagnosticFact[]): void {
    const { d, gpu } = v;
    const drv = d.driver;
    if (drv && drv.name.includes('-') && driverName(drv.name) === NVGRACE.PCI_DRIVER_NAME) {
      out.push({ range: range(drv), severity: 'error', code: 'NVG013', message: `the driver registers as "${NVGRACE.PCI_DRIVER_NAME}" (underscores): sysfs paths and driver_override must use that name, "${drv.name}" names no driver` });
    }
    if (drv && driverName(drv.name) === 'vfio_pci') {
      out.push({
        range: range(drv),
        severity: 'warning',
        code: 'NVG014',
        message: `${gpu.family === 'GB' ? 'Grace Blackwell' : 'Grace'} GPU bound to plain vfio-pci: a VM gets only the physical BARs, no coherent device memory — bind ${NVGRACE.PCI_DRIVER_NAME} through driver_override`,
      });
    }
    const k = v.p.device.kernel;
    const unbound = gpu.entry ? idTableFinding(gpu.entry, k) : undefined;
    const bound = drv && driverName(drv.name) === NVGRACE.PCI_DRIVER_NAME;
    // A host of a series whose stable updates carry the ID (6.17.y for GB300) that binds it has the backport.
    if (gpu.entry && d.idSpan && unbound && !(bound && unbound.severity === 'warning')) {
      out.push({
        range: range(d.idSpan),
        // Bound anyway: an explicit driver_override matches any device, so this does not prove a newer kernel.
        severity: bound ? 'warning' : unbound.severity,
        code: 'NVG011',
        message: bound
          ? `${gpu.entry.name} (10de:${gpu.entry.device.toString(16)}) is not in kernel ${k.version}'s nvgrace-gpu ID table (added in ${gpu.entry.since}), yet this host binds it: through an explicit driver_override (which matches any device), or its kernel is newer than the ${k.version} vfio-lens models — then set vfioLens.kernel`
          : unbound.message,
      });
    }
  }

  /**
   * Guest regions whose size says nothing on its own: region 2 of a Grace
   * Blackwell GPU is its physical BAR (6.14+), and when BAR4 is far smaller
   * than the device memory there are no fake BARs at all — one finding on
   * BAR4 says so, BAR2 is then simply the physical BAR.
   */
  private uncomparable(v: DeviceView): Set<number> {
    const dev = v.p.device;
    const skip = new Set<number>();
    if (v.gpu.family === 'GB' && dev.kernel.generation === 'mig-aware') skip.add(NVGRACE.RESMEM_REGION_INDEX);
    const bar4 = v.d.regions.find((r) => r.kind === 'memory' && r.index === NVGRACE.USEMEM_REGION_INDEX);
    if (bar4?.size !== undefined && bar4.size < dev.memlength / 2n) skip.add(NVGRACE.RESMEM_REGION_INDEX);
    return skip;
  }

  private guestRegionChecks(v: DeviceView, r: LspciRegion, ctx: AnalysisContext, out: DiagnosticFact[]): void {
    if (r.kind !== 'memory' || r.index === undefined) return;
    const dev = v.p.device;
    const kind = regionKind(r.index, dev.layout);
    if (kind !== 'usemem' && kind !== 'resmem') return;
    if (r.unassigned) {
      out.push({
        range: range(r.span),
        severity: 'warning',
        code: 'NVG212',
        message: `the guest could not give this ${human(r.size ?? 0n)} BAR an address: the VM's 64-bit MMIO window is too small for it (QEMU virt: raise highmem-mmio-size; libvirt: pcihole64)`,
      });
    }
    const want = fakeBarSize(kind, dev.layout);
    if (want === undefined || r.size === undefined || r.size === want) return;
    const causes = likelyCauses(r.size, kind, dev, v.gpu, ctx);
    out.push({
      range: range(r.sizeSpan ?? r.span),
      severity: 'warning',
      code: 'NVG210',
      message: `Region ${r.index} (${kind}) is ${human(r.size)} here, but ${v.p.why} predicts ${human(want)} (kernel ${kernelLabel(dev.kernel)}, MIG hardware bug ${dev.migHwBug ? 'present' : 'absent'}). Likely: ${causes.join('; or ')}`,
    });
  }

  private deviceHover(v: DeviceView): string {
    const dev = v.p.device;
    const head = `**${v.d.bdf}** — ${v.gpu.label}. ${v.side === 'host' ? 'Host view' : 'Guest view'} (${v.sideWhy}).`;
    const what = v.side === 'host'
      ? 'lspci shows the physical BARs here; a VM given this GPU through nvgrace-gpu sees the fake BARs below instead.'
      : 'The fake BARs the guest should see:';
    return `${head}\n\n${what}\n\n${layoutMarkdown({ title: dev.name, layout: dev.layout, pageSize: dev.pageSize, notes: [`Predicted by ${v.p.why}.`] })}`;
  }

  private regionHover(v: DeviceView, r: LspciRegion): string {
    const index = r.kind === 'rom' ? ROM_INDEX : r.index!;
    const region = VFIO_REGIONS[index];
    const lines = [
      region
        ? `**${r.kind === 'rom' ? 'Expansion ROM' : `Region ${index}`} → VFIO region ${index} (${region.name})**, fd offset \`${hex(BigInt(index) << VFIO.PCI_OFFSET_SHIFT)}\``
        : `**Region ${index}**: no VFIO region of that index`,
    ];
    const dev = v.p.device;
    const kind = index < ROM_INDEX ? regionKind(index, dev.layout) : 'physical';
    const size = r.size !== undefined ? `${human(r.size)} (\`${hex(r.size)}\`)` : 'size not shown';
    if (v.side === 'host') {
      lines.push(`Physical BAR on the host, ${size}.`);
      const want = kind === 'usemem' || kind === 'resmem' ? fakeBarSize(kind, dev.layout) : undefined;
      if (want !== undefined) lines.push(`In a VM, nvgrace-gpu replaces it with the fake ${kind} BAR: ${human(want)} per ${v.p.why}.`);
    } else if (kind === 'usemem' || kind === 'resmem') {
      const want = fakeBarSize(kind, dev.layout)!;
      const mem = kind === 'usemem' ? dev.layout.ok && dev.layout.usemem : dev.layout.ok && dev.layout.resmem;
      lines.push(`Fake BAR: ${REGION_ROLES[kind].what}, emulated by nvgrace-gpu on the host.`);
      const padding = mem ? want - mem.memlength : 0n;
      const pad = mem ? ` — ${human(mem.memlength)} of device memory${padding ? `, ${human(padding)} of padding that reads 0xFF` : ', no padding'}` : '';
      const verdict = r.size === undefined ? '' : r.size === want ? ' ✓ matches' : ` ✗ lspci shows ${size}`;
      lines.push(`Predicted by ${v.p.why}: ${human(want)} (\`${hex(want)}\`)${pad}.${verdict}`);
    } else if (index === ROM_INDEX) {
      lines.push(`Expansion ROM, ${size}, handled by vfio-pci core (QEMU setups for these GPUs usually hide it with rombar=0).`);
    } else {
      lines.push(`Physical BAR passed through by vfio-pci core, ${size}${!dev.layout.ok ? ` (the driver falls back: ${dev.layout.error})` : ''}.`);
    }
    return lines.join('\n\n');
  }
}
