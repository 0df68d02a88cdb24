// Kernel versions as the model knows them. nvgrace-gpu was merged in 6.9;
// the layout rules changed once, in 6.14 (Grace Blackwell series).

export type Generation = 'split-always' | 'mig-aware';

export interface Kernel {
  /** "6.9", "6.14", "7.0"… (normalized, never "mainline") */
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  /** How it was named by the user: "mainline" or the version. */
  readonly requested: string;
  readonly generation: Generation;
  /** Newer than the newest version the model was checked against. */
  readonly beyondKnown: boolean;
}

/** Newest kernel whose driver the model was checked against. */
export const MAINLINE = '7.0';
export const FIRST_KERNEL = '6.9';
/** Kernels the user can pick from in a list (every release since the merge). */
export const KNOWN_KERNELS: readonly string[] = [
  '6.9', '6.10', '6.11', '6.12', '6.13', '6.14', '6.15', '6.16', '6.17', '6.18', '6.19', '7.0',
];

/**
 * First kernels of the nvgrace-gpu behaviours vfio-lens reports on (domain §0,
 * §4, §5.3). Every check of "which kernels does this concern" reads them here.
 */
export const KERNEL_CHANGES = {
  /** Grace Blackwell series: resmem only with the MIG bug, usemem BAR sized before the round-down. */
  migAware: '6.14',
  /** Probe polls the BAR0 readiness registers (C2C link, HBM training) for up to 30 s. */
  readinessPoll: '6.14',
  /** The poll's timeout fails probe with -ETIME; 6.14–6.18 return the preceding call's 0 instead. */
  readinessTimeoutFails: '6.19',
  /** mmap inserts pages on fault, huge (PMD) where the PFN and the address align. */
  faultMmap: '6.19',
} as const;

export type KernelParse = { ok: true; kernel: Kernel } | { ok: false; message: string };

const VERSION = /^(\d{1,2})\.(\d{1,3})(?:\.\d{1,4})?(?:-[0-9A-Za-z.+_-]*)?$/;

export function compareVersions(a: { major: number; minor: number }, b: { major: number; minor: number }): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** "6.14" → 6, 14: kernel version digits (a few of them, never a 64-bit value). */
function split(version: string): { major: number; minor: number } {
  const [major, minor] = version.split('.').map((d) => Number.parseInt(d, 10));
  return { major, minor };
}

/** True when kernel `k` is at least `version` ("6.14"). */
export function atLeast(k: { major: number; minor: number }, version: string): boolean {
  return compareVersions(k, split(version)) >= 0;
}

/**
 * Parses "mainline", "6.14", "6.14.3" or "6.14.0-rc2" style names. The
 * stable/patch part and suffixes do not change the driver generation.
 */
export function parseKernel(name: string): KernelParse {
  const requested = name.trim();
  const text = requested.toLowerCase() === 'mainline' ? MAINLINE : requested.replace(/^v/, '');
  const m = VERSION.exec(text);
  if (!m) {
    return { ok: false, message: `kernel "${name}" is not a version such as "6.14" or "mainline"` };
  }
  const v = split(`${m[1]}.${m[2]}`);
  const { major, minor } = v;
  if (compareVersions(v, split(FIRST_KERNEL)) < 0) {
    return { ok: false, message: `kernel ${major}.${minor} has no nvgrace-gpu driver: it was merged in ${FIRST_KERNEL}` };
  }
  return {
    ok: true,
    kernel: {
      version: `${major}.${minor}`,
      major,
      minor,
      requested: requested.toLowerCase() === 'mainline' ? 'mainline' : `${major}.${minor}`,
      generation: atLeast(v, KERNEL_CHANGES.migAware) ? 'mig-aware' : 'split-always',
      beyondKnown: compareVersions(v, split(MAINLINE)) > 0,
    },
  };
}

/** parseKernel for names known to be valid (tests, presets). */
export function kernel(name: string): Kernel {
  const r = parseKernel(name);
  if (!r.ok) throw new RangeError(r.message);
  return r.kernel;
}

export function kernelLabel(k: Kernel): string {
  const gen = k.generation === 'split-always' ? '6.9–6.13 rules' : '6.14+ rules';
  const name = k.requested === 'mainline' ? `mainline (${k.version})` : k.version;
  return `${name}, ${gen}${k.beyondKnown ? `, newer than ${MAINLINE}: ${MAINLINE} rules assumed` : ''}`;
}

/** 6.14–6.18: probe waits up to 30 s for the GPU to be ready but binds it even when it never is. */
export function readinessTimeoutIgnored(k: { major: number; minor: number }): boolean {
  return atLeast(k, KERNEL_CHANGES.readinessPoll) && !atLeast(k, KERNEL_CHANGES.readinessTimeoutFails);
}

/** 6.19+: device memory is mapped on fault, in huge pages where alignment allows. */
export function faultMappedMmap(k: { major: number; minor: number }): boolean {
  return atLeast(k, KERNEL_CHANGES.faultMmap);
}
