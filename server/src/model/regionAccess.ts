// Accesses to the emulated regions through the VFIO device fd: pread/pwrite,
// mmap and VFIO_DEVICE_GET_REGION_INFO, as nvgrace-gpu answers them.
import { REGION_ROLES, U64_MAX, VFIO } from './constants';
import { LayoutOk, MemRegion, memregion } from './layout';

export type PageSize = 4096 | 65536;

export function pageShift(pageSize: PageSize): bigint {
  return pageSize === 4096 ? 12n : 16n;
}

/** The region a device-fd position falls in: index = pos >> 40, offset = low 40 bits. */
export function decodeFdOffset(pos: bigint): { index: number; offset: bigint } {
  return { index: Number(pos >> VFIO.PCI_OFFSET_SHIFT), offset: pos & VFIO.PCI_OFFSET_MASK };
}

export function regionOffset(index: number): bigint {
  return BigInt(index) << VFIO.PCI_OFFSET_SHIFT;
}

interface Resolved {
  readonly region: MemRegion;
  readonly offset: bigint;
}

/** An offset past 2^40 lands in the next region, as it does in the kernel. */
function resolve(l: LayoutOk, index: number, offset: bigint): Resolved | null {
  const at = decodeFdOffset(regionOffset(index) + offset);
  const region = memregion(l, at.index);
  return region ? { region, offset: at.offset } : null;
}

export type RegionIoResult =
  | { readonly emulated: false }
  | { readonly emulated: true; readonly error: 'EINVAL'; readonly why: string }
  | {
      readonly emulated: true;
      /** Bytes the call returns (clipped at the BAR end). */
      readonly count: bigint;
      /** Bytes that reach device memory. */
      readonly device: bigint;
      /** Bytes past the device memory: reads return 0xFF, writes are dropped. */
      readonly beyond: bigint;
      readonly regionIndex: number;
    };

/** pread/pwrite on an emulated region; reads and writes clip and fill alike. */
export function regionIo(l: LayoutOk, index: number, offset: bigint, count: bigint): RegionIoResult {
  const at = resolve(l, index, offset);
  if (!at) return { emulated: false };
  const { region } = at;
  if (at.offset >= region.barSize) {
    return { emulated: true, error: 'EINVAL', why: `offset 0x${at.offset.toString(16)} is at or past the BAR size 0x${region.barSize.toString(16)}` };
  }
  const clipped = count < region.barSize - at.offset ? count : region.barSize - at.offset;
  let device = 0n;
  if (at.offset < region.memlength) {
    const room = region.memlength - at.offset;
    device = clipped < room ? clipped : room;
  }
  return { emulated: true, count: clipped, device, beyond: clipped - device, regionIndex: region.regionIndex };
}

export type MmapResult =
  | { readonly emulated: false; readonly regionIndex: number }
  | {
      readonly emulated: true;
      readonly error: 'EINVAL' | 'EOVERFLOW';
      /** Which check refused it: the mm (length 0), the end past the device memory, or 64-bit overflow. */
      readonly cause: 'zero-length' | 'past-memlength' | 'overflow';
      readonly why: string;
      readonly regionIndex: number;
    }
  | {
      readonly emulated: true;
      /** First host page frame the mapping covers. */
      readonly pfn: bigint;
      readonly cache: 'wb' | 'wc';
      /** The mapped length (the mm rounds the request up to whole pages). */
      readonly length: bigint;
      readonly regionIndex: number;
    };

/**
 * mmap(fd, length, pgoff): the index comes from the page offset
 * (vm_pgoff >> (40 − PAGE_SHIFT)); only [0, memlength) can be mapped.
 */
export function mmapRegion(l: LayoutOk, pgoff: bigint, length: bigint, pageSize: PageSize): MmapResult {
  const shift = pageShift(pageSize);
  const indexShift = VFIO.PCI_OFFSET_SHIFT - shift;
  const regionIndex = Number(pgoff >> indexShift);
  const region = memregion(l, regionIndex);
  if (!region) return { emulated: false, regionIndex };
  if (length === 0n) {
    return { emulated: true, error: 'EINVAL', cause: 'zero-length', why: 'mmap of length 0 is refused by the mm before the driver sees it', regionIndex };
  }
  const page = BigInt(pageSize);
  const reqLen = (length + page - 1n) & ~(page - 1n);
  const pgoffInRegion = pgoff & ((1n << indexShift) - 1n);
  const pfn = (region.memphys >> shift) + pgoffInRegion;
  const end = (pgoffInRegion << shift) + reqLen;
  if (reqLen > U64_MAX || pfn > U64_MAX || end > U64_MAX) {
    return { emulated: true, error: 'EOVERFLOW', cause: 'overflow', why: 'start PFN or end offset overflows 64 bits', regionIndex };
  }
  if (end > region.memlength) {
    return {
      emulated: true,
      error: 'EINVAL',
      cause: 'past-memlength',
      why: `mapping ends at 0x${end.toString(16)}, past the device memory (0x${region.memlength.toString(16)}); the BAR tail is reachable only by read/write`,
      regionIndex,
    };
  }
  return { emulated: true, pfn, cache: REGION_ROLES[region.role].cache, length: reqLen, regionIndex };
}

export interface SparseArea {
  readonly offset: bigint;
  readonly size: bigint;
}

export type RegionInfoResult =
  | { readonly emulated: false }
  | {
      readonly emulated: true;
      readonly index: number;
      readonly offset: bigint;
      readonly size: bigint;
      readonly flags: number;
      readonly sparse: readonly SparseArea[];
      /** argsz the caller needs for the sparse-mmap capability to be returned. */
      readonly argszNeeded: number;
      /** Where the capability starts when argsz is large enough. */
      readonly capOffset: number;
    };

export function regionInfo(l: LayoutOk, index: number): RegionInfoResult {
  const region = memregion(l, index);
  if (!region) return { emulated: false };
  return {
    emulated: true,
    index,
    offset: region.regionOffset,
    size: region.barSize,
    flags: VFIO.REGION_INFO_FLAG_READ | VFIO.REGION_INFO_FLAG_WRITE | VFIO.REGION_INFO_FLAG_MMAP | VFIO.REGION_INFO_FLAG_CAPS,
    sparse: [{ offset: 0n, size: region.memlength }],
    argszNeeded: VFIO.REGION_INFO_SIZE + VFIO.SPARSE_CAP_ONE_AREA_SIZE,
    capOffset: VFIO.REGION_INFO_SIZE,
  };
}
