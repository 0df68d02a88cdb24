// nvgrace-gpu's emulation of the fake BAR registers in PCI config space.
// Each emulated region owns an 8-byte window (BAR2 0x18–0x1F, BAR4 0x20–0x27)
// backed by one little-endian u64; everything else goes to vfio-pci core.
import { EMULATED_BAR_FLAGS, NVGRACE, PCI, U64_MAX } from './constants';
import { LayoutOk, MemRegion, memregion } from './layout';
import { not64 } from './u64';

export const BAR_REGISTER_BYTES = 8;

/** The windows in the order the driver tests them: BAR2 first, then BAR4. */
export const EMULATED_WINDOWS: ReadonlyArray<{ readonly start: number; readonly regionIndex: number }> = [
  { start: PCI.BASE_ADDRESS_2, regionIndex: NVGRACE.RESMEM_REGION_INDEX },
  { start: PCI.BASE_ADDRESS_4, regionIndex: NVGRACE.USEMEM_REGION_INDEX },
];

export interface Intersection {
  /** Offset of the first shared byte within the access buffer. */
  readonly bufferOffset: number;
  readonly count: number;
  /** Offset of the first shared byte within the register. */
  readonly registerOffset: number;
}

/** Bytes shared by an access [pos, pos+count) and a register [start, start+len). */
export function intersect(pos: number, count: number, start: number, len: number): Intersection | null {
  const lo = Math.max(pos, start);
  const hi = Math.min(pos + count, start + len);
  if (lo >= hi) return null;
  return { bufferOffset: lo - pos, count: hi - lo, registerOffset: lo - start };
}

/** What a guest reads from an emulated BAR: the stored address aligned to the BAR size, plus 64-bit|prefetch. */
export function barReadValue(stored: bigint, barSize: bigint): bigint {
  return (stored & not64(barSize - 1n)) | EMULATED_BAR_FLAGS;
}

/** Per-device stored BAR values (bar_val), zero after open and VFIO_DEVICE_RESET. */
export type BarValues = Map<number, bigint>;

export function freshBarValues(): BarValues {
  return new Map([[NVGRACE.RESMEM_REGION_INDEX, 0n], [NVGRACE.USEMEM_REGION_INDEX, 0n]]);
}

interface Hit {
  readonly region: MemRegion;
  readonly window: Intersection;
}

/**
 * The driver checks the BAR2 window first and looks its region up; with no
 * resmem (6.14+ without the bug) that lookup is empty and the access goes to
 * the core even if it also touches BAR4.
 */
function emulatedHit(l: LayoutOk, offset: number, width: number): Hit | null {
  for (const w of EMULATED_WINDOWS) {
    const window = intersect(offset, width, w.start, BAR_REGISTER_BYTES);
    if (!window) continue;
    const region = memregion(l, w.regionIndex);
    return region ? { region, window } : null;
  }
  return null;
}

function byteOf(x: bigint, i: number): bigint {
  return (x >> BigInt(8 * i)) & 0xffn;
}

export type ConfigReadResult =
  | { readonly emulated: false }
  | {
      readonly emulated: true;
      /** Little-endian value of the whole access; bytes from the core are 0 here. */
      readonly value: bigint;
      /** Mask of the access bytes that came from vfio-pci core (0 when fully emulated). */
      readonly coreMask: bigint;
      readonly regionIndex: number;
    };

export function configRead(l: LayoutOk, bars: BarValues, offset: number, width: number): ConfigReadResult {
  const hit = emulatedHit(l, offset, width);
  if (!hit) return { emulated: false };
  const { region, window } = hit;
  const reg = barReadValue(bars.get(region.regionIndex) ?? 0n, region.barSize);
  let value = 0n;
  let coreMask = 0n;
  for (let i = 0; i < width; i++) {
    const r = i - window.bufferOffset + window.registerOffset;
    const inside = i >= window.bufferOffset && i < window.bufferOffset + window.count;
    if (inside) value |= byteOf(reg, r) << BigInt(8 * i);
    else coreMask |= 0xffn << BigInt(8 * i);
  }
  return { emulated: true, value, coreMask, regionIndex: region.regionIndex };
}

export type ConfigWriteResult =
  | { readonly emulated: false }
  | {
      readonly emulated: true;
      /** Bytes stored; fewer than the width is a short write (the rest is neither stored nor forwarded). */
      readonly count: number;
      readonly regionIndex: number;
    };

/** Stores the intersecting bytes raw: masking happens at read time. */
export function configWrite(l: LayoutOk, bars: BarValues, offset: number, width: number, value: bigint): ConfigWriteResult {
  const hit = emulatedHit(l, offset, width);
  if (!hit) return { emulated: false };
  const { region, window } = hit;
  let stored = bars.get(region.regionIndex) ?? 0n;
  for (let k = 0; k < window.count; k++) {
    const shift = BigInt(8 * (window.registerOffset + k));
    stored = (stored & ~(0xffn << shift) & U64_MAX) | (byteOf(value, window.bufferOffset + k) << shift);
  }
  bars.set(region.regionIndex, stored);
  return { emulated: true, count: window.count, regionIndex: region.regionIndex };
}

/** The classic sizing probe: all ones written to both dwords, then read back. */
export function sizingReadBack(barSize: bigint): bigint {
  return barReadValue(U64_MAX, barSize);
}

/** Size a guest derives from a sizing read-back: two's complement of the address bits. */
export function sizeFromReadBack(readBack: bigint): bigint {
  return (not64(readBack & ~0xfn) + 1n) & U64_MAX;
}
