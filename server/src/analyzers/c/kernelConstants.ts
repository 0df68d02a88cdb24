// Kernel header constants a driver uses without defining them, by their C
// names and types. The values come from the model's one table of constants;
// only the C spelling and type live here.
import { KERNEL_SIZE_SHIFTS, KERNEL_SIZE_ULL_FROM_SHIFT, PCI, PCI_MORE, PCI_VENDOR_IDS, PageSize, VFIO, VFIO_REGIONS, pageShift } from '../../model';
import { CType, INT, LLONG, LONG, SIZE_T, UINT, ULLONG, ULONG, maxOf, minOf, promote, wrap } from './cTypes';

export interface KernelConstant {
  readonly name: string;
  readonly value: bigint;
  readonly type: CType;
  readonly header: string;
  readonly meaning: string;
}

export const U64: CType = { bits: 64, unsigned: true, name: 'u64' };

function sizeName(shift: number): string {
  const unit = ['', 'K', 'M', 'G', 'T'][Math.floor(shift / 10)];
  return `SZ_${1 << shift % 10}${unit}`;
}

const FIXED: KernelConstant[] = [];
const add = (name: string, value: bigint | number, type: CType, header: string, meaning: string) =>
  FIXED.push({ name, value: BigInt(value), type, header, meaning });

for (const shift of KERNEL_SIZE_SHIFTS) {
  const value = 1n << BigInt(shift);
  const type = shift >= KERNEL_SIZE_ULL_FROM_SHIFT ? ULLONG : value > 0x7fff_ffffn ? UINT : INT;
  add(sizeName(shift), value, type, 'linux/sizes.h', `2^${shift} bytes`);
}

const PCI_REGS: ReadonlyArray<[string, number, string]> = [
  ['PCI_VENDOR_ID', PCI.VENDOR_ID, 'vendor ID register (16-bit)'],
  ['PCI_DEVICE_ID', PCI.DEVICE_ID, 'device ID register (16-bit)'],
  ['PCI_COMMAND', PCI.COMMAND, 'command register (16-bit): I/O, memory, bus-master enables'],
  ['PCI_STATUS', PCI.STATUS, 'status register (16-bit)'],
  ['PCI_CLASS_REVISION', PCI.CLASS_REVISION, 'class code and revision (32-bit)'],
  ['PCI_REVISION_ID', PCI_MORE.REVISION_ID, 'revision ID (8-bit)'],
  ['PCI_CLASS_PROG', PCI_MORE.CLASS_PROG, 'programming interface (8-bit)'],
  ['PCI_CLASS_DEVICE', PCI_MORE.CLASS_DEVICE, 'device class (16-bit)'],
  ['PCI_CACHE_LINE_SIZE', PCI_MORE.CACHE_LINE_SIZE, 'cache line size (8-bit)'],
  ['PCI_LATENCY_TIMER', PCI_MORE.LATENCY_TIMER, 'latency timer (8-bit)'],
  ['PCI_HEADER_TYPE', PCI.HEADER_TYPE, 'header type (8-bit)'],
  ['PCI_SUBSYSTEM_VENDOR_ID', PCI_MORE.SUBSYSTEM_VENDOR_ID, 'subsystem vendor ID (16-bit)'],
  ['PCI_SUBSYSTEM_ID', PCI_MORE.SUBSYSTEM_ID, 'subsystem ID (16-bit)'],
  ['PCI_ROM_ADDRESS', PCI.ROM_ADDRESS, 'expansion ROM base address register (32-bit)'],
  ['PCI_CAPABILITY_LIST', PCI_MORE.CAPABILITY_LIST, 'offset of the first capability (8-bit)'],
  ['PCI_INTERRUPT_LINE', PCI_MORE.INTERRUPT_LINE, 'interrupt line (8-bit)'],
  ['PCI_INTERRUPT_PIN', PCI_MORE.INTERRUPT_PIN, 'interrupt pin (8-bit)'],
  ['PCI_CFG_SPACE_SIZE', PCI.CONFIG_SPACE_SIZE, 'size of conventional PCI config space'],
  ['PCI_CFG_SPACE_EXP_SIZE', PCI.CONFIG_SPACE_EXP_SIZE, 'size of PCI Express extended config space'],
  ['PCI_COMMAND_IO', PCI_MORE.COMMAND_IO, 'command bit: respond to I/O space accesses'],
  ['PCI_COMMAND_MEMORY', PCI.COMMAND_MEMORY, 'command bit: respond to memory space accesses (BAR decode)'],
  ['PCI_COMMAND_MASTER', PCI_MORE.COMMAND_MASTER, 'command bit: bus mastering (DMA)'],
  ['PCI_COMMAND_INTX_DISABLE', PCI_MORE.COMMAND_INTX_DISABLE, 'command bit: INTx emulation disable'],
  ['PCI_STATUS_CAP_LIST', PCI_MORE.STATUS_CAP_LIST, 'status bit: capability list present'],
  ['PCI_BASE_ADDRESS_SPACE', PCI.BASE_ADDRESS_SPACE_IO, 'BAR bit 0: 0 = memory, 1 = I/O'],
  ['PCI_BASE_ADDRESS_SPACE_IO', PCI.BASE_ADDRESS_SPACE_IO, 'BAR flag: I/O space BAR'],
  ['PCI_BASE_ADDRESS_SPACE_MEMORY', PCI_MORE.BASE_ADDRESS_SPACE_MEMORY, 'BAR flag: memory space BAR'],
  ['PCI_BASE_ADDRESS_MEM_TYPE_MASK', PCI_MORE.BASE_ADDRESS_MEM_TYPE_MASK, 'BAR bits 2:1: memory type'],
  ['PCI_BASE_ADDRESS_MEM_TYPE_32', PCI_MORE.BASE_ADDRESS_MEM_TYPE_32, 'BAR memory type: 32-bit'],
  ['PCI_BASE_ADDRESS_MEM_TYPE_64', PCI.BASE_ADDRESS_MEM_TYPE_64, 'BAR memory type: 64-bit (takes two BAR registers)'],
  ['PCI_BASE_ADDRESS_MEM_PREFETCH', PCI.BASE_ADDRESS_MEM_PREFETCH, 'BAR flag: prefetchable'],
  ['PCI_ROM_ADDRESS_ENABLE', PCI_MORE.ROM_ADDRESS_ENABLE, 'ROM BAR bit 0: decode enable'],
];
for (const [name, value, meaning] of PCI_REGS) add(name, value, INT, 'uapi/linux/pci_regs.h', meaning);
for (let i = 0; i < 6; i++) {
  add(`PCI_BASE_ADDRESS_${i}`, PCI.BASE_ADDRESS_0 + 4 * i, INT, 'uapi/linux/pci_regs.h', `BAR${i} register (32-bit)`);
}
add('PCI_BASE_ADDRESS_MEM_MASK', wrap(~BigInt(PCI_MORE.BASE_ADDRESS_MEM_FLAG_BITS), ULONG), ULONG, 'uapi/linux/pci_regs.h', 'address bits of a memory BAR (flags cleared)');
add('PCI_BASE_ADDRESS_IO_MASK', wrap(~BigInt(PCI_MORE.BASE_ADDRESS_IO_FLAG_BITS), ULONG), ULONG, 'uapi/linux/pci_regs.h', 'address bits of an I/O BAR (flags cleared)');
for (const [vendor, id] of Object.entries(PCI_VENDOR_IDS)) add(`PCI_VENDOR_ID_${vendor}`, id, INT, 'linux/pci_ids.h', `PCI vendor ID of ${vendor}`);

for (const r of VFIO_REGIONS) add(r.macro, r.index, INT, 'uapi/linux/vfio.h', `VFIO region index ${r.index} (${r.name})`);
add('VFIO_PCI_NUM_REGIONS', VFIO.NUM_REGIONS, INT, 'uapi/linux/vfio.h', 'number of fixed vfio-pci regions');
add('VFIO_PCI_OFFSET_SHIFT', VFIO.PCI_OFFSET_SHIFT, INT, 'linux/vfio_pci_core.h', 'region index lives above bit 40 of a device-fd offset');
add('VFIO_PCI_OFFSET_MASK', VFIO.PCI_OFFSET_MASK, U64, 'linux/vfio_pci_core.h', 'offset within a region (low 40 bits of a device-fd offset)');
add('VFIO_REGION_INFO_FLAG_READ', VFIO.REGION_INFO_FLAG_READ, INT, 'uapi/linux/vfio.h', 'region info flag: readable');
add('VFIO_REGION_INFO_FLAG_WRITE', VFIO.REGION_INFO_FLAG_WRITE, INT, 'uapi/linux/vfio.h', 'region info flag: writable');
add('VFIO_REGION_INFO_FLAG_MMAP', VFIO.REGION_INFO_FLAG_MMAP, INT, 'uapi/linux/vfio.h', 'region info flag: mmap supported');
add('VFIO_REGION_INFO_FLAG_CAPS', VFIO.REGION_INFO_FLAG_CAPS, INT, 'uapi/linux/vfio.h', 'region info flag: capability chain follows');
add('VFIO_REGION_INFO_CAP_SPARSE_MMAP', VFIO.REGION_INFO_CAP_SPARSE_MMAP, INT, 'uapi/linux/vfio.h', 'region capability: sparse mmap areas');
add('VFIO_REGION_INFO_CAP_TYPE', VFIO.REGION_INFO_CAP_TYPE, INT, 'uapi/linux/vfio.h', 'region capability: region type');

const LIMITS: ReadonlyArray<[string, CType, 'max' | 'min']> = [
  ['U8_MAX', { bits: 8, unsigned: true, name: 'u8' }, 'max'], ['U16_MAX', { bits: 16, unsigned: true, name: 'u16' }, 'max'],
  ['U32_MAX', { bits: 32, unsigned: true, name: 'u32' }, 'max'], ['U64_MAX', U64, 'max'],
  ['S32_MAX', INT, 'max'], ['S32_MIN', INT, 'min'], ['S64_MAX', LLONG, 'max'], ['S64_MIN', LLONG, 'min'],
  ['INT_MAX', INT, 'max'], ['INT_MIN', INT, 'min'], ['UINT_MAX', UINT, 'max'], ['LONG_MAX', LONG, 'max'], ['LONG_MIN', LONG, 'min'],
  ['ULONG_MAX', ULONG, 'max'], ['LLONG_MAX', LLONG, 'max'], ['ULLONG_MAX', ULLONG, 'max'], ['SIZE_MAX', SIZE_T, 'max'],
  ['PHYS_ADDR_MAX', { bits: 64, unsigned: true, name: 'phys_addr_t' }, 'max'],
];
for (const [name, type, which] of LIMITS) {
  // The kernel's limits are typed like the type they bound, except that the narrow ones are ints after promotion.
  add(name, which === 'max' ? maxOf(type) : minOf(type), promote(type), 'linux/limits.h', `${which === 'max' ? 'largest' : 'smallest'} ${type.name}`);
}

const TABLE = new Map(FIXED.map((c) => [c.name, c]));

/** Names that depend on the host page size setting. */
function pageConstant(name: string, pageSize: PageSize): KernelConstant | undefined {
  const shift = pageShift(pageSize);
  const size = 1n << shift;
  const header = 'asm/page-def.h';
  const page = `${pageSize / 1024} KiB pages (the page-size setting)`;
  switch (name) {
    case 'PAGE_SHIFT':
      return { name, value: shift, type: INT, header, meaning: page };
    case 'PAGE_SIZE':
      return { name, value: size, type: ULONG, header, meaning: page };
    case 'PAGE_MASK':
      return { name, value: wrap(~(size - 1n), ULONG), type: ULONG, header, meaning: `clears the offset within a page; ${page}` };
    default:
      return undefined;
  }
}

export function kernelConstant(name: string, pageSize: PageSize): KernelConstant | undefined {
  return TABLE.get(name) ?? pageConstant(name, pageSize);
}


const PAGE_NAMES = new Set(['PAGE_SHIFT', 'PAGE_SIZE', 'PAGE_MASK']);

export function isKernelConstant(name: string): boolean {
  return TABLE.has(name) || PAGE_NAMES.has(name);
}
