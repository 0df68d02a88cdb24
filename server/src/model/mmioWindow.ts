// Placing the guest BAR apertures of several GPUs in QEMU's `virt` high PCIe
// MMIO window. A GPU behind its own root port (or pxb) needs a bridge window
// aligned to its largest BAR and sized in multiples of it: a power of two
// holding all of its 64-bit BARs. A GPU on the root bus (pcie.0) has no
// bridge: each BAR is placed on its own. Power-of-two blocks placed largest
// first, each naturally aligned, pack without gaps.
import { QEMU_VIRT } from './constants';
import { LayoutOk, regions } from './layout';
import type { PhysicalBars } from './presets';
import { isPowerOfTwo, roundupPowerOfTwo } from './u64';

export interface GpuApertures {
  readonly name: string;
  /** Sizes of the GPU's 64-bit BARs as the guest sees them (emulated and physical). */
  readonly bars: readonly bigint[];
  /** On the root bus, without a bridge window of its own (default: behind its own root port). */
  readonly rootBus?: boolean;
}

export interface Placement {
  readonly name: string;
  /** What the GPU takes: roundup_pow_of_two(sum of its BARs) behind a root port, the sum on the root bus. */
  readonly stride: bigint;
  /** Offset of its (largest) block from the window base; naturally aligned. */
  readonly offset: bigint;
  /** Whether all of it ends inside the window. */
  readonly fits: boolean;
  readonly rootBus: boolean;
}

export interface WindowFit {
  readonly window: bigint;
  readonly placements: readonly Placement[];
  readonly used: bigint;
  readonly fits: boolean;
  /** Smallest valid `highmem-mmio-size` that holds every GPU: a power of two ≥ 512 GiB. */
  readonly neededWindow: bigint;
}

export function gpuStride(bars: readonly bigint[]): bigint {
  const sum = bars.reduce((a, b) => a + b, 0n);
  return sum === 0n ? 0n : roundupPowerOfTwo(sum);
}

export function placeApertures(gpus: readonly GpuApertures[], window: bigint = QEMU_VIRT.HIGH_MMIO_DEFAULT): WindowFit {
  // One block per bridged GPU; one per BAR of a GPU on the root bus (every BAR a power of two).
  const blocks = gpus.flatMap((g, gpu) =>
    g.rootBus ? g.bars.filter((b) => b > 0n).map((size) => ({ gpu, size })) : [{ gpu, size: gpuStride(g.bars) }],
  );
  // Largest first keeps every block naturally aligned with no holes; ties keep input order.
  const order = blocks.map((b, i) => ({ ...b, i })).sort((a, b) => (a.size === b.size ? a.i - b.i : a.size > b.size ? -1 : 1));
  let cursor = 0n;
  const first = new Map<number, bigint>();
  const end = new Map<number, bigint>();
  for (const b of order) {
    if (!first.has(b.gpu)) first.set(b.gpu, cursor);
    cursor += b.size;
    end.set(b.gpu, cursor);
  }
  const needed = cursor <= QEMU_VIRT.HIGH_MMIO_DEFAULT ? QEMU_VIRT.HIGH_MMIO_DEFAULT : roundupPowerOfTwo(cursor);
  return {
    window,
    placements: gpus.map((g, i) => ({
      name: g.name,
      stride: g.rootBus ? g.bars.reduce((a, b) => a + b, 0n) : gpuStride(g.bars),
      offset: first.get(i) ?? 0n,
      fits: (end.get(i) ?? 0n) <= window,
      rootBus: !!g.rootBus,
    })),
    used: cursor,
    fits: cursor <= window,
    neededWindow: needed,
  };
}

/** QEMU's own checks on `-machine virt,highmem-mmio-size=`. */
export function highmemMmioSizeProblem(size: bigint): string | undefined {
  if (!isPowerOfTwo(size)) return 'highmem-mmio-size is not a power of 2';
  if (size < QEMU_VIRT.HIGH_MMIO_DEFAULT) return 'highmem-mmio-size cannot be set to a lower value than the default (512 GiB)';
  return undefined;
}

/** One 64-bit BAR the guest sees on a Grace GPU. */
export interface GuestBar {
  readonly regionIndex: number;
  readonly size: bigint;
  /** A fake BAR nvgrace-gpu emulates (usemem/resmem), or a physical BAR passed through. */
  readonly emulated: boolean;
}

/**
 * The BARs a guest sizes for one GPU: the emulated ones from the layout plus
 * the physical 64-bit BARs (by VFIO region index) the driver passes through.
 */
export function guestBars(l: LayoutOk, physicalBars: PhysicalBars): GuestBar[] {
  const bars: GuestBar[] = regions(l).map((r) => ({ regionIndex: r.regionIndex, size: r.barSize, emulated: true }));
  for (const [regionIndex, size] of physicalBars) {
    if (!bars.some((b) => b.regionIndex === regionIndex)) bars.push({ regionIndex, size, emulated: false });
  }
  return bars.sort((a, b) => a.regionIndex - b.regionIndex);
}
