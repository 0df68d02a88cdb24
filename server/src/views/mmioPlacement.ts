// Where the guest puts every GPU's BAR apertures in QEMU's `virt` high MMIO
// window (placeApertures), and whether they fit, drawn to the window's scale.
import type { WindowBlock } from '../../../shared/layoutView';
import { LayoutOk, NO_PHYSICAL_BARS, QEMU_VIRT, guestBars, hex, human, memregion, placeApertures, VFIO_REGIONS } from '../model';
import type { ResolvedDevice } from '../profiles/activeProfile';
import { permilleAt } from './scale';
import { formatQemuSize } from '../analyzers/qemu/size';

export interface MmioWindowView {
  readonly size: string;
  readonly used: string;
  readonly fits: boolean;
  readonly neededWindow: string;
  readonly suggestion?: string;
  readonly drawnWindow: number;
  readonly blocks: WindowBlock[];
  readonly notes: string[];
}

interface GpuBar {
  readonly name: string;
  readonly size: bigint;
  readonly typical: boolean;
}

/** The 64-bit BARs a guest sees for one GPU (the model's guestBars), named, largest first. */
function gpuBars(d: ResolvedDevice, l: LayoutOk): GpuBar[] {
  return guestBars(l, d.preset?.physicalBars ?? NO_PHYSICAL_BARS)
    .map((b) => ({ name: `${VFIO_REGIONS[b.regionIndex].name} (${b.emulated ? memregion(l, b.regionIndex)!.role : 'physical'})`, size: b.size, typical: !b.emulated }))
    .sort((a, b) => (a.size === b.size ? 0 : a.size > b.size ? -1 : 1));
}

/**
 * `devices` are the workspace's GPUs (the active one among them); `window`
 * is the high window's size (QEMU's default unless a command line says).
 */
export function mmioWindowView(devices: readonly ResolvedDevice[], active: ResolvedDevice, window: bigint = QEMU_VIRT.HIGH_MMIO_DEFAULT): MmioWindowView {
  const notes: string[] = [];
  const gpus: Array<{ device: ResolvedDevice; bars: GpuBar[] }> = [];
  for (const d of devices) {
    if (!d.layout.ok) {
      notes.push(`${d.name}: not placed — its layout fails (${d.layout.error})`);
      continue;
    }
    gpus.push({ device: d, bars: gpuBars(d, d.layout) });
    if (!d.preset) notes.push(`${d.name}: physical BARs unknown (no "sku" in its profile): only the fake BARs are counted, the real block may be larger`);
    // Only without resmem is region 2 the physical BAR: a driver before 6.14 carves resmem there on Grace Blackwell too.
    else if (!d.layout.resmem) notes.push(`${d.name}: the physical BAR2 of Grace Blackwell is not known here and is not counted`);
  }
  const fit = placeApertures(gpus.map((g) => ({ name: g.device.name, bars: g.bars.map((b) => b.size) })), window);
  const total = fit.used > window ? fit.used : window;
  const blocks = fit.placements.map((p, i): WindowBlock => {
    const start = permilleAt(p.offset, total);
    const end = permilleAt(p.offset + p.stride, total);
    return {
      name: p.name,
      active: gpus[i].device === active,
      stride: hex(p.stride),
      offset: hex(p.offset),
      fits: p.fits,
      bars: gpus[i].bars.map((b) => ({ name: b.name, size: hex(b.size), typical: b.typical })),
      drawnStart: start,
      drawnSize: Math.max(1, end - start),
    };
  });
  if (!fit.fits) notes.unshift(`the GPUs need ${human(fit.used)} but the window holds ${human(window)}: the guest cannot assign every BAR`);
  // A profile does not say where the VM plugs the GPU; a QEMU line or domain does (its hover places them that way).
  if (gpus.length) notes.push('each GPU is placed as if behind a root port of its own (a power-of-two block); on the root bus (pcie.0) a GPU takes only the sum of its BARs');
  return {
    size: hex(window),
    used: hex(fit.used),
    fits: fit.fits,
    neededWindow: hex(fit.neededWindow),
    ...(fit.fits ? {} : { suggestion: `-machine virt,highmem-mmio-size=${formatQemuSize(fit.neededWindow)}` }),
    drawnWindow: permilleAt(window, total),
    blocks,
    notes,
  };
}
