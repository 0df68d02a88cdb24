// Why the driver answered a playground op as it did, with this device's
// numbers: one short summary and one rule per step. Reads the model's result;
// computes nothing the model does not.
import type { OpOutcome } from '../../../shared/playground';
import {
  DeviceOp,
  DeviceOpResult,
  EMULATED_BAR_FLAGS,
  EMULATED_WINDOWS,
  LayoutOk,
  PMD_SIZE,
  PageSize,
  VFIO,
  VFIO_REGIONS,
  barReadValue,
  faultMappedMmap,
  hex,
  hexHuman,
  human,
  memregion,
  not64,
  pageShift,
  sizeFromReadBack,
} from '../model';

export interface OpExplanation {
  readonly summary: string;
  readonly rule: string;
  readonly outcome: OpOutcome;
  /** The domain rule the step shows: NVG021 one access across both registers, NVG023 mmap past memlength, NVG024 offset at the BAR size, NVG009 mmap at a PFN off the PMD size (6.19+). */
  readonly code?: string;
}

const REGISTER_BYTES = 8;

function padHex(v: bigint, bytes: number): string {
  return '0x' + v.toString(16).padStart(bytes * 2, '0');
}

function regionName(index: number): string {
  return VFIO_REGIONS[index]?.name ?? `region ${index}`;
}

function range(offset: number, width: number): string {
  return width === 1 ? hex(offset) : `${hex(offset)}–${hex(offset + width - 1)}`;
}

/** One access touching both emulated registers (0x18–0x1F and 0x20–0x27): the driver only looks at BAR2's (NVG021). */
function spansBothRegisters(offset: number, width: number): boolean {
  const [bar2, bar4] = EMULATED_WINDOWS;
  return offset < bar2.start + REGISTER_BYTES && offset + width > bar4.start;
}

const spanCode = (offset: number, width: number) => (spansBothRegisters(offset, width) ? { code: 'NVG021' } : {});

/** Why a config access is not emulated: outside the windows, or BAR2's window without resmem. */
function configCoreRule(l: LayoutOk, offset: number, width: number): string {
  const bar2 = EMULATED_WINDOWS[0];
  const touchesBar2 = offset < bar2.start + REGISTER_BYTES && offset + width > bar2.start;
  if (touchesBar2 && !l.resmem) {
    const usemem = spansBothRegisters(offset, width) ? ', usemem\'s bytes at 0x20 and up included: they are not emulated' : '';
    return `${range(offset, width)} touches BAR2's register (0x18–0x1F), which is not emulated without resmem (no MIG hardware bug): the driver checks that window first, finds no region and hands the whole access to vfio-pci core, which answers for the physical BAR2${usemem}`;
  }
  const windows = l.resmem ? '0x18–0x1F (resmem) and 0x20–0x27 (usemem)' : '0x20–0x27 (usemem)';
  return `${range(offset, width)} lies outside nvgrace-gpu's emulated BAR registers, ${windows}: vfio-pci core answers from its own virtualized config space`;
}

function registerOf(l: LayoutOk, regionIndex: number): { start: number; name: string; role: string; barSize: bigint } {
  const region = memregion(l, regionIndex)!;
  const start = VFIO_REGIONS[regionIndex].configOffset ?? 0;
  return { start, name: regionName(regionIndex), role: region.role, barSize: region.barSize };
}

function explainConfigRead(l: LayoutOk, op: Extract<DeviceOp, { op: 'configRead' }>, r: Extract<DeviceOpResult, { op: 'configRead' }>, stored: bigint): OpExplanation {
  const x = r.result;
  if (!x.emulated) return { summary: 'vfio-pci core answers', rule: configCoreRule(l, op.offset, op.width), outcome: 'core', ...spanCode(op.offset, op.width) };
  const reg = registerOf(l, x.regionIndex);
  const full = barReadValue(stored, reg.barSize);
  const parts = [
    `${reg.name} (${reg.role}) reads (stored ${hex(stored)} & ~(BAR size ${hex(reg.barSize)} − 1)) | ${hex(EMULATED_BAR_FLAGS)} = ${padHex(full, 8)} as a 64-bit value at ${range(reg.start, REGISTER_BYTES)}; masking happens at read time, and 0xC = 64-bit prefetchable memory`,
  ];
  if (x.coreMask !== 0n) {
    parts.push(`bytes of the access outside ${range(reg.start, REGISTER_BYTES)} are filled by vfio-pci core (shown as 0 here, mask ${hex(x.coreMask)})`);
  }
  if (spansBothRegisters(op.offset, op.width)) {
    parts.push(`one access spanning both registers only emulates the BAR2 part: the driver checks BAR2's window first and stops there, so the bytes from ${hex(EMULATED_WINDOWS[1].start)} on are vfio-pci core's, not usemem's emulated BAR4 (QEMU never does this: it splits config accesses into aligned dwords)`);
  }
  const addressBits = not64(reg.barSize - 1n);
  if ((stored & addressBits) === addressBits) {
    parts.push(`with all address bits written, ${padHex(full, 8)} is the sizing read-back: a guest derives size = ~(value & ~0xF) + 1 = ${hexHuman(sizeFromReadBack(full))}`);
  }
  return { summary: `read ${padHex(x.value, op.width)}`, rule: parts.join('; '), outcome: 'ok', ...spanCode(op.offset, op.width) };
}

function explainConfigWrite(l: LayoutOk, op: Extract<DeviceOp, { op: 'configWrite' }>, r: Extract<DeviceOpResult, { op: 'configWrite' }>, storedAfter: bigint): OpExplanation {
  const x = r.result;
  if (!x.emulated) return { summary: 'forwarded to vfio-pci core', rule: configCoreRule(l, op.offset, op.width), outcome: 'core', ...spanCode(op.offset, op.width) };
  const reg = registerOf(l, x.regionIndex);
  const parts = [`stored raw into ${reg.name}'s bar_val (${reg.role}), now ${padHex(storedAfter, 8)}; nothing is masked at write time: the next read masks with ~(BAR size − 1) and sets 0xC`];
  if (x.count < op.width) {
    parts.push(`only ${x.count} of the ${op.width} bytes lie in ${range(reg.start, REGISTER_BYTES)}: a short write — the driver returns ${x.count}, the other bytes are neither stored nor forwarded${spansBothRegisters(op.offset, op.width) ? ' (usemem\'s BAR4 register is not written: the driver checks BAR2\'s window first and stops there)' : ''}`);
  }
  const summary = x.count < op.width ? `short write: ${x.count} of ${op.width} bytes stored` : `stored ${x.count} byte${x.count === 1 ? '' : 's'}`;
  return { summary, rule: parts.join('; '), outcome: 'ok', ...spanCode(op.offset, op.width) };
}

function explainRegionIo(l: LayoutOk, op: Extract<DeviceOp, { op: 'regionRead' | 'regionWrite' }>, r: Extract<DeviceOpResult, { op: 'regionRead' | 'regionWrite' }>): OpExplanation {
  const x = r.result;
  const verb = op.op === 'regionRead' ? 'pread' : 'pwrite';
  if (!x.emulated) {
    return { summary: 'vfio-pci core handles it', rule: `${verb} on ${regionName(op.index)} at ${hex(op.offset)}: not one of nvgrace-gpu's fake BARs, so vfio-pci core handles it`, outcome: 'core' };
  }
  // The only refusal: an offset at or past the BAR size (NVG024).
  if ('error' in x) return { summary: x.error, rule: `${x.why}: ${verb} fails with -${x.error}; offsets below the BAR size clip the count instead`, outcome: 'error', code: 'NVG024' };
  const region = memregion(l, x.regionIndex)!;
  const parts: string[] = [];
  if (x.count < op.count) parts.push(`count clipped to BAR size − offset = ${hexHuman(x.count)}`);
  const path = region.role === 'usemem' ? 'a write-back memremap' : 'ioremap_wc (uncached)';
  if (x.device > 0n) parts.push(`${hex(x.device)} bytes ${op.op === 'regionRead' ? 'from' : 'to'} device memory through ${path}`);
  if (x.beyond > 0n) {
    parts.push(`${hex(x.beyond)} bytes past the device memory (memlength ${hex(region.memlength)}), in the padding: ${op.op === 'regionRead' ? 'they read as 0xFF' : 'they are silently dropped'}`);
  }
  parts.push(`returns ${hex(x.count)}`);
  const tail = op.op === 'regionRead' ? 'read as 0xFF' : 'dropped';
  return { summary: `${hex(x.count)} bytes: ${hex(x.device)} device, ${hex(x.beyond)} ${tail}`, rule: `${regionName(x.regionIndex)} (${region.role}): ${parts.join('; ')}`, outcome: 'ok' };
}

function explainMmap(l: LayoutOk, op: Extract<DeviceOp, { op: 'mmap' }>, r: Extract<DeviceOpResult, { op: 'mmap' }>, pageSize: PageSize): OpExplanation {
  const x = r.result;
  const shift = pageShift(pageSize);
  const indexShift = VFIO.PCI_OFFSET_SHIFT - shift;
  const page = op.pgoff & ((1n << indexShift) - 1n);
  const where = `vm_pgoff ${hex(op.pgoff)} >> (40 − PAGE_SHIFT ${shift} = ${indexShift}) = index ${x.regionIndex} (${regionName(x.regionIndex)}), page ${hex(page)} of the region`;
  if (!x.emulated) return { summary: 'vfio-pci core handles it', rule: `${where}: not a fake BAR, vfio-pci core maps it (or refuses)`, outcome: 'core' };
  if ('error' in x) {
    return { summary: x.error, rule: `${where}; ${x.why}: mmap fails with -${x.error}`, outcome: 'error', ...(x.cause === 'past-memlength' ? { code: 'NVG023' } : {}) };
  }
  const region = memregion(l, x.regionIndex)!;
  const cache = x.cache === 'wc' ? 'write-combine (Normal-NC: resmem stays uncached)' : 'write-back (cacheable usemem)';
  // 6.19+: a fault maps a PMD only at a PFN aligned to it (NVG009).
  const pmdPages = PMD_SIZE[pageSize] >> shift;
  const hugeOk = x.pfn % pmdPages === 0n;
  const when = !faultMappedMmap(l.input.kernel)
    ? 'before 6.19 the whole range is mapped at mmap time (remap_pfn_range)'
    : hugeOk
      ? `from 6.19 pages are inserted on fault, ${human(PMD_SIZE[pageSize])} at a time where the address aligns too (the PFN is a multiple of ${hex(pmdPages)} pages)`
      : `from 6.19 pages are inserted on fault; PFN ${hex(x.pfn)} is not a multiple of ${hex(pmdPages)} pages (${human(PMD_SIZE[pageSize])}), so at an aligned address every fault falls back to one ${human(BigInt(pageSize))} page`;
  return {
    summary: `pfn ${hex(x.pfn)}, ${x.cache}, ${human(x.length)}`,
    rule: `${where}; PFN = memphys ${hex(region.memphys)} >> ${shift} + ${hex(page)} = ${hex(x.pfn)}; ${hex(x.length)} bytes (whole pages), ends inside memlength ${hex(region.memlength)}; ${cache}; ${when}`,
    outcome: 'ok',
    ...(faultMappedMmap(l.input.kernel) && !hugeOk ? { code: 'NVG009' } : {}),
  };
}

function explainRegionInfo(op: Extract<DeviceOp, { op: 'regionInfo' }>, r: Extract<DeviceOpResult, { op: 'regionInfo' }>): OpExplanation {
  const x = r.result;
  if (!x.emulated) return { summary: 'vfio-pci core answers', rule: `${regionName(op.index)} is not a fake BAR: vfio-pci core reports the physical region`, outcome: 'core' };
  const area = x.sparse[0];
  return {
    summary: `offset ${hex(x.offset)}, size ${human(x.size)}, flags ${hex(x.flags)}`,
    rule: `offset = ${op.index} << 40 = ${hex(x.offset)}; size = the BAR size ${hexHuman(x.size)}, not the device memory; flags ${hex(x.flags)} = READ|WRITE|MMAP|CAPS; one sparse-mmap area [${hex(area.offset)}, ${hex(area.offset + area.size)}): only the backed part can be mmapped; the caller needs argsz ≥ ${x.argszNeeded} to receive the capability (at cap_offset ${x.capOffset})`,
    outcome: 'ok',
  };
}

/**
 * `stored` is the op's register before it ran (reads) or after it (writes):
 * the playground captures it around apply().
 */
export function explainOp(l: LayoutOk, pageSize: PageSize, op: DeviceOp, r: DeviceOpResult, stored: bigint): OpExplanation {
  switch (r.op) {
    case 'configRead':
      return explainConfigRead(l, op as Extract<DeviceOp, { op: 'configRead' }>, r, stored);
    case 'configWrite':
      return explainConfigWrite(l, op as Extract<DeviceOp, { op: 'configWrite' }>, r, stored);
    case 'reset':
      return {
        summary: 'stored BAR values cleared',
        rule: `VFIO_DEVICE_RESET (like opening the device) sets both bar_val to 0: the low dwords read ${padHex(EMULATED_BAR_FLAGS, 4)} and the high dwords 0x00000000 again; an FLR issued through config space or a hot reset would not clear them`,
        outcome: 'ok',
      };
    case 'regionRead':
    case 'regionWrite':
      return explainRegionIo(l, op as Extract<DeviceOp, { op: 'regionRead' | 'regionWrite' }>, r);
    case 'mmap':
      return explainMmap(l, op as Extract<DeviceOp, { op: 'mmap' }>, r, pageSize);
    case 'regionInfo':
      return explainRegionInfo(op as Extract<DeviceOp, { op: 'regionInfo' }>, r);
  }
}

