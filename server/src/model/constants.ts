// The kernel constants vfio-lens needs, kept as data in one place.
// Values are facts of the Linux UAPI/PCI headers and of nvgrace-gpu; every
// other module (model, analyzers, hovers, CLI, webview) reads them from here.

export const SZ_1K = 1n << 10n;
export const SZ_4K = 1n << 12n;
export const SZ_1M = 1n << 20n;
export const SZ_2M = 1n << 21n;
export const SZ_512M = 1n << 29n;
export const SZ_1G = 1n << 30n;
export const SZ_1T = 1n << 40n;

export const U64_MAX = (1n << 64n) - 1n;

/** PCI configuration space (include/uapi/linux/pci_regs.h). */
export const PCI = {
  VENDOR_ID: 0x00,
  DEVICE_ID: 0x02,
  COMMAND: 0x04,
  STATUS: 0x06,
  CLASS_REVISION: 0x08,
  HEADER_TYPE: 0x0e,
  BASE_ADDRESS_0: 0x10,
  BASE_ADDRESS_1: 0x14,
  BASE_ADDRESS_2: 0x18,
  BASE_ADDRESS_3: 0x1c,
  BASE_ADDRESS_4: 0x20,
  BASE_ADDRESS_5: 0x24,
  ROM_ADDRESS: 0x30,
  CONFIG_SPACE_SIZE: 256,
  CONFIG_SPACE_EXP_SIZE: 4096,
  COMMAND_MEMORY: 0x2,
  BASE_ADDRESS_SPACE_IO: 0x1,
  BASE_ADDRESS_MEM_TYPE_64: 0x4,
  BASE_ADDRESS_MEM_PREFETCH: 0x8,
  VENDOR_ID_NVIDIA: 0x10de,
} as const;

/** Flags nvgrace-gpu ORs into every emulated BAR read: 64-bit, prefetchable memory. */
export const EMULATED_BAR_FLAGS = BigInt(PCI.BASE_ADDRESS_MEM_TYPE_64 | PCI.BASE_ADDRESS_MEM_PREFETCH);

/** VFIO (include/uapi/linux/vfio.h, include/linux/vfio_pci_core.h). */
export const VFIO = {
  PCI_OFFSET_SHIFT: 40n,
  PCI_OFFSET_MASK: (1n << 40n) - 1n,
  NUM_REGIONS: 9,
  REGION_INFO_FLAG_READ: 0x1,
  REGION_INFO_FLAG_WRITE: 0x2,
  REGION_INFO_FLAG_MMAP: 0x4,
  REGION_INFO_FLAG_CAPS: 0x8,
  REGION_INFO_CAP_SPARSE_MMAP: 1,
  REGION_INFO_CAP_TYPE: 2,
  /** sizeof(struct vfio_region_info) */
  REGION_INFO_SIZE: 32,
  /** sparse-mmap cap with one area: header 8 + nr_areas/reserved 8 + one area 16 */
  SPARSE_CAP_ONE_AREA_SIZE: 32,
} as const;

export interface VfioRegionName {
  readonly index: number;
  readonly macro: string;
  readonly name: string;
  /** Config-space offset of the BAR register this region mirrors, if any. */
  readonly configOffset?: number;
}

export const VFIO_REGIONS: readonly VfioRegionName[] = [
  { index: 0, macro: 'VFIO_PCI_BAR0_REGION_INDEX', name: 'BAR0', configOffset: PCI.BASE_ADDRESS_0 },
  { index: 1, macro: 'VFIO_PCI_BAR1_REGION_INDEX', name: 'BAR1', configOffset: PCI.BASE_ADDRESS_1 },
  { index: 2, macro: 'VFIO_PCI_BAR2_REGION_INDEX', name: 'BAR2', configOffset: PCI.BASE_ADDRESS_2 },
  { index: 3, macro: 'VFIO_PCI_BAR3_REGION_INDEX', name: 'BAR3', configOffset: PCI.BASE_ADDRESS_3 },
  { index: 4, macro: 'VFIO_PCI_BAR4_REGION_INDEX', name: 'BAR4', configOffset: PCI.BASE_ADDRESS_4 },
  { index: 5, macro: 'VFIO_PCI_BAR5_REGION_INDEX', name: 'BAR5', configOffset: PCI.BASE_ADDRESS_5 },
  { index: 6, macro: 'VFIO_PCI_ROM_REGION_INDEX', name: 'ROM', configOffset: PCI.ROM_ADDRESS },
  { index: 7, macro: 'VFIO_PCI_CONFIG_REGION_INDEX', name: 'CONFIG' },
  { index: 8, macro: 'VFIO_PCI_VGA_REGION_INDEX', name: 'VGA' },
];

/** nvgrace-gpu (drivers/vfio/pci/nvgrace-gpu/main.c). */
export const NVGRACE = {
  /** ABI shared with GPU firmware and the guest driver: usemem is a multiple of it. */
  MEMBLK_SIZE: SZ_512M,
  /** Carve-out for the uncached region when the MIG hardware bug is present. */
  RESMEM_SIZE: SZ_1G,
  RESMEM_REGION_INDEX: 2,
  USEMEM_REGION_INDEX: 4,
  /** sysfs/driver name (KBUILD_MODNAME), with underscores. */
  PCI_DRIVER_NAME: 'nvgrace_gpu_vfio_pci',
  MODULE_FILE: 'nvgrace-gpu-vfio-pci.ko',
  OPS_NAME_VARIANT: 'nvgrace-gpu-vfio-pci',
  OPS_NAME_CORE: 'nvgrace-gpu-vfio-pci-core',
  KCONFIG: 'NVGRACE_GPU_VFIO_PCI',
  /** DVSEC (vendor 0x10de, id 3): word at +0xA, bit 0 = MIG supported with cached resmem. */
  DVSEC_ID: 3,
  DVSEC_MIG_WORD_OFFSET: 0xa,
  DVSEC_MIG_SUPPORTED_WITH_CACHED_RESMEM: 0x1,
  /** BAR0 readiness registers (6.14+); ready when both read 0xFF. */
  READY_C2C_REG: 0x1498,
  READY_HBM_REG: 0x200bc,
  READY_VALUE: 0xff,
  READY_POLL_MS: 1000,
  READY_TIMEOUT_MS: 30000,
} as const;

/**
 * The huge (PMD) mapping size per host page size: 2 MiB with 4 KiB pages,
 * 512 MiB with 64 KiB pages. A fault maps a PMD only when the PFN is aligned
 * to it (6.19+), so the device memory base decides whether huge mappings happen.
 */
export const PMD_SIZE: Readonly<Record<4096 | 65536, bigint>> = { 4096: SZ_2M, 65536: SZ_512M };

export type RegionRole = 'usemem' | 'resmem';

export const REGION_ROLES: Readonly<Record<RegionRole, { index: number; cache: 'wb' | 'wc'; what: string }>> = {
  usemem: { index: NVGRACE.USEMEM_REGION_INDEX, cache: 'wb', what: 'cacheable device memory (usemem)' },
  resmem: { index: NVGRACE.RESMEM_REGION_INDEX, cache: 'wc', what: 'non-cached carve-out (resmem)' },
};

export const ACPI_PROPERTIES = {
  MEM_BASE: 'nvidia,gpu-mem-base-pa',
  MEM_SIZE: 'nvidia,gpu-mem-size',
  /** Standard device-properties UUID of a _DSD package. */
  DSD_UUID: 'daffd814-6eba-4d8c-8a91-bc9bbf4aa301',
} as const;

export type GpuFamily = 'GH' | 'GB';

export interface DeviceIdEntry {
  readonly vendor: number;
  readonly device: number;
  /** The name the kernel's ID table gives it (informational). */
  readonly name: string;
  readonly family: GpuFamily;
  /** First mainline kernel whose ID table carries it. */
  readonly since: string;
  /** Older series whose stable updates also carry it (GB300: 6.17.y), so a bare "6.17" cannot say. */
  readonly stableBackports?: readonly string[];
}

export const NVGRACE_DEVICE_IDS: readonly DeviceIdEntry[] = [
  { vendor: 0x10de, device: 0x2342, name: 'GH200 120GB', family: 'GH', since: '6.9' },
  { vendor: 0x10de, device: 0x2345, name: 'GH200 480GB', family: 'GH', since: '6.9' },
  { vendor: 0x10de, device: 0x2348, name: 'GH200 SKU', family: 'GH', since: '6.13' },
  { vendor: 0x10de, device: 0x2941, name: 'GB200 SKU', family: 'GB', since: '6.14' },
  { vendor: 0x10de, device: 0x31c2, name: 'GB300 SKU', family: 'GB', since: '6.18', stableBackports: ['6.17'] },
];

/** QEMU hw/arm/virt.c high PCIe MMIO window. */
export const QEMU_VIRT = {
  HIGH_MMIO_DEFAULT: 512n * SZ_1G,
  /** Generic initiator nodes a Grace GPU expects for its MIG instances. */
  GI_NODES_PER_GPU: 8,
} as const;

/** QEMU NUMA limits (include/system/numa.h). */
export const QEMU_NUMA = {
  /** Node ids run from 0 to MAX_NODES − 1. */
  MAX_NODES: 128,
} as const;

// ---- Kernel facts read in driver source (C analyzer) ----

/**
 * include/linux/sizes.h defines SZ_<n><K|M|G|T> for these powers of two
 * (by shift). Below 4 GiB they are plain hex literals; from SZ_4G on they
 * carry a ULL suffix.
 */
export const KERNEL_SIZE_SHIFTS: readonly number[] = [
  ...Array.from({ length: 32 }, (_, i) => i), // SZ_1 … SZ_2G
  ...Array.from({ length: 8 }, (_, i) => 32 + i), // SZ_4G … SZ_512G
  ...Array.from({ length: 7 }, (_, i) => 40 + i), // SZ_1T … SZ_64T
];
export const KERNEL_SIZE_ULL_FROM_SHIFT = 32;

/** pci_regs.h registers and bits beyond the ones the model itself uses. */
export const PCI_MORE = {
  REVISION_ID: 0x08,
  CLASS_PROG: 0x09,
  CLASS_DEVICE: 0x0a,
  CACHE_LINE_SIZE: 0x0c,
  LATENCY_TIMER: 0x0d,
  SUBSYSTEM_VENDOR_ID: 0x2c,
  SUBSYSTEM_ID: 0x2e,
  CAPABILITY_LIST: 0x34,
  INTERRUPT_LINE: 0x3c,
  INTERRUPT_PIN: 0x3d,
  COMMAND_IO: 0x1,
  COMMAND_MASTER: 0x4,
  COMMAND_INTX_DISABLE: 0x400,
  STATUS_CAP_LIST: 0x10,
  BASE_ADDRESS_SPACE_MEMORY: 0x0,
  BASE_ADDRESS_MEM_TYPE_MASK: 0x06,
  BASE_ADDRESS_MEM_TYPE_32: 0x00,
  /** Low bits of a memory / I/O BAR that hold flags, not address (the kernel's masks are ~these, unsigned long). */
  BASE_ADDRESS_MEM_FLAG_BITS: 0x0f,
  BASE_ADDRESS_IO_FLAG_BITS: 0x03,
  ROM_ADDRESS_ENABLE: 0x01,
} as const;

/** pci_ids.h vendor IDs that VFIO variant drivers name. */
export const PCI_VENDOR_IDS: Readonly<Record<string, number>> = {
  NVIDIA: PCI.VENDOR_ID_NVIDIA,
  REDHAT_QUMRANET: 0x1af4,
  MELLANOX: 0x15b3,
  INTEL: 0x8086,
  HUAWEI: 0x19e5,
};

/** Every `nvidia,…` _DSD property the GPU firmware publishes (§1.6, §5.6), with what it carries. */
export const ACPI_PROPERTY_FACTS: ReadonlyArray<{ readonly name: string; readonly carries: string; readonly readBy: string }> = [
  { name: ACPI_PROPERTIES.MEM_BASE, carries: 'host physical base of the GPU device memory (u64)', readBy: 'nvgrace-gpu probe → usemem.memphys' },
  { name: ACPI_PROPERTIES.MEM_SIZE, carries: 'bytes of GPU device memory (u64); 0 when the C2C link is down', readBy: 'nvgrace-gpu probe → split into usemem/resmem' },
  { name: 'nvidia,gpu-mem-pxm-start', carries: 'first NUMA proximity domain of the GPU memory (16 + socket × 8)', readBy: 'the host kernel / guest NUMA setup, not nvgrace-gpu' },
  { name: 'nvidia,gpu-mem-pxm-count', carries: 'number of proximity domains (8, one per MIG instance)', readBy: 'the host kernel / guest NUMA setup, not nvgrace-gpu' },
  { name: 'nvidia,egm-base-pa', carries: 'host physical base of the Extended GPU Memory region (u64)', readBy: 'the out-of-tree EGM driver' },
  { name: 'nvidia,egm-size', carries: 'bytes of Extended GPU Memory (u64)', readBy: 'the out-of-tree EGM driver' },
  { name: 'nvidia,egm-pxm', carries: 'proximity domain of the EGM region; its presence enables EGM', readBy: 'the out-of-tree EGM driver' },
  { name: 'nvidia,egm-retired-pages-data-base', carries: 'base of the retired-pages table for EGM (0 is a firmware bug: -EINVAL)', readBy: 'the out-of-tree EGM driver' },
];
