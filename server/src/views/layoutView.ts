// The layout view's model for one device: every number the webview draws,
// and how wide it draws it. Pure (no LSP, no VS Code): the server answers
// vfioLens/layoutView with it; tests and the CLI can call it directly.
import type { Aperture, DrawScale, LayoutView, Segment } from '../../../shared/layoutView';
import {
  EmulatedDevice,
  LayoutOk,
  NO_PHYSICAL_BARS,
  NVGRACE,
  VFIO,
  VFIO_REGIONS,
  barRows,
  hex,
  layoutNotes,
  pageShift,
  presetKernelNotes,
  readinessText,
  readinessTimeoutIgnored,
} from '../model';
import type { ResolvedDevice } from '../profiles/activeProfile';
import { configRegisters } from './configRegisters';
import { fdRegions } from './fdRegions';
import { mmioWindowView } from './mmioPlacement';
import { sizingOps } from './playground';
import { shares } from './scale';

export interface LayoutViewInput {
  /** The device the view shows. */
  readonly device: ResolvedDevice;
  /** Every GPU of the workspace's profiles, for the MMIO window (the device is added if missing). */
  readonly workspace: readonly ResolvedDevice[];
  /** The document the view follows and whether it chose the device. */
  readonly context?: { readonly uri?: string; readonly fromDocument: boolean };
  /** QEMU's high MMIO window size, when known from a command line. */
  readonly window?: bigint;
}

interface Part {
  readonly kind: Segment['kind'];
  readonly label: string;
  readonly start: bigint;
  readonly size: bigint;
}

function segments(parts: readonly Part[]): { scale: DrawScale; segments: Segment[] } {
  const s = shares(parts.map((p) => p.size));
  return {
    scale: s.scale,
    segments: parts.map((p, i) => ({ kind: p.kind, label: p.label, start: hex(p.start), size: hex(p.size), drawn: s.drawn[i] })),
  };
}

/** usemem, then resmem split into what the 512 MiB round-down moved and the 1 GiB carve-out. */
function memoryBand(l: LayoutOk): NonNullable<LayoutView['memory']> {
  const { memphys, memlength } = l.input;
  const parts: Part[] = [{ kind: 'usemem', label: 'usemem', start: memphys, size: l.usemem.memlength }];
  let rounding = 0n;
  if (l.resmem) {
    rounding = l.resmem.memlength - NVGRACE.RESMEM_SIZE;
    if (rounding > 0n) parts.push({ kind: 'rounding', label: 'resmem, moved by the 512 MiB round-down', start: l.resmem.memphys, size: rounding });
    parts.push({ kind: 'resmem', label: 'resmem, the 1 GiB carve-out', start: l.resmem.memphys + rounding, size: l.resmem.memlength - rounding });
  }
  const end = memphys + memlength;
  return { start: hex(memphys), ...(end <= 0xffff_ffff_ffff_ffffn ? { end: hex(end) } : {}), ...segments(parts), rounding: hex(rounding) };
}

function apertures(l: LayoutOk): Aperture[] {
  return barRows(l).map((row) => {
    const parts: Part[] = [{ kind: 'backed', label: 'backed by device memory', start: 0n, size: row.memlength }];
    if (row.padding > 0n) parts.push({ kind: 'padding', label: 'padding: reads 0xFF, writes dropped, cannot be mmapped', start: row.memlength, size: row.padding });
    return {
      bar: row.bar,
      role: row.role,
      regionIndex: row.regionIndex,
      configOffset: row.configOffset,
      barSize: hex(row.barSize),
      memlength: hex(row.memlength),
      padding: hex(row.padding),
      paddingPermille: row.paddingPermille,
      cache: row.cache,
      ...segments(parts),
    };
  });
}

function playgroundSetup(d: ResolvedDevice): LayoutView['playground'] {
  const l = d.layout;
  const role = (index: number): string => {
    if (l.ok && index === l.usemem.regionIndex) return 'usemem';
    if (l.ok && l.resmem && index === l.resmem.regionIndex) return 'resmem';
    return 'core';
  };
  return {
    pageSize: d.pageSize,
    pgoffIndexShift: Number(VFIO.PCI_OFFSET_SHIFT - pageShift(d.pageSize)),
    regions: VFIO_REGIONS.map((r) => ({ index: r.index, name: r.name, role: role(r.index) })),
    sizing: l.ok ? sizingOps(l) : [],
  };
}

/** What the kernel's ID table says about a known SKU on the chosen kernel (domain NVG011/NVG012), and its readiness poll (NVG020). */
function deviceNotes(d: ResolvedDevice): LayoutView['notes'] {
  const notes: LayoutView['notes'] = d.preset ? [...presetKernelNotes(d.preset, d.kernel)] : [];
  if (readinessTimeoutIgnored(d.kernel)) notes.push({ severity: 'info', code: 'READINESS_TIMEOUT_IGNORED', message: readinessText(d.kernel)! });
  return notes;
}

export function buildLayoutView(input: LayoutViewInput): LayoutView {
  const d = input.device;
  const l = d.layout;
  const k = d.kernel;
  const workspace = input.workspace.includes(d) ? input.workspace : [d, ...input.workspace];
  return {
    version: 1,
    device: {
      name: d.name,
      source: d.source,
      ...(d.bdf ? { bdf: d.bdf } : {}),
      ...(d.preset ? { sku: d.preset.label } : {}),
      kernel: k.requested === 'mainline' ? `mainline (${k.version})` : k.version,
      rules: k.generation === 'split-always' ? '6.9–6.13 rules' : '6.14+ rules',
      pageSize: d.pageSize,
      migHwBug: k.generation === 'split-always' ? true : d.migHwBug,
      memphys: hex(d.memphys),
      memlength: hex(d.memlength),
    },
    context: { ...(input.context?.uri ? { uri: input.context.uri } : {}), fromDocument: input.context?.fromDocument ?? false },
    layout: l.ok ? { ok: true, split: l.split } : { ok: false, error: l.error, message: l.message },
    steps: l.steps.map((s) => ({ what: s.what, ...(s.value !== undefined ? { value: hex(s.value) } : {}), why: s.why })),
    notes: [...deviceNotes(d), ...(l.ok ? layoutNotes(l, d.pageSize).map((n) => ({ severity: n.severity, code: n.code, message: n.message })) : [])],
    memory: l.ok ? memoryBand(l) : null,
    apertures: l.ok ? apertures(l) : [],
    fd: fdRegions(l, d.preset?.physicalBars ?? NO_PHYSICAL_BARS),
    config: l.ok || l.error === 'ENOMEM' ? configRegisters(l, l.ok ? new EmulatedDevice(l, d.pageSize) : null) : [],
    window: mmioWindowView(workspace, d, input.window),
    playground: playgroundSetup(d),
  };
}
