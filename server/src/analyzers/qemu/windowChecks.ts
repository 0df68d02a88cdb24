// The `virt` high PCIe MMIO window: is its size one QEMU accepts, and do the
// Grace GPUs' BAR apertures fit in it?
import type { DiagnosticFact, TextFix } from '../../analysis';
import { QEMU_VIRT, WindowFit, highmemMmioSizeProblem, human, placeApertures, roundupPowerOfTwo } from '../../model';
import type { MachineConfig, VmConfig } from './config';
import type { GpuView } from './gpus';
import { formatQemuSize } from './size';

/** Window checks apply to the `virt` machine (`virt`, `virt-10.0`, `virt-rhel9.4.0`, …). */
export function isVirtMachine(m: MachineConfig | undefined): m is MachineConfig {
  return m?.type !== undefined && /^virt(-[\w.]+)?$/.test(m.type);
}

export type WindowSize = { readonly kind: 'known'; readonly bytes: bigint; readonly explicit: boolean } | { readonly kind: 'off' } | { readonly kind: 'unknown' | 'invalid' };

/** The window the machine gets, as far as the definition tells. */
export function windowSize(vm: VmConfig): WindowSize {
  const m = vm.machine;
  if (!isVirtMachine(m)) return { kind: 'unknown' };
  if (m.highWindowOff) return { kind: 'off' };
  if (m.window) {
    const s = m.window.size;
    if (!s) return { kind: 'unknown' };
    if (!s.ok || highmemMmioSizeProblem(s.value)) return { kind: 'invalid' };
    return { kind: 'known', bytes: s.value, explicit: true };
  }
  // Another (unknown) -machine option could still set it.
  return vm.complete ? { kind: 'known', bytes: QEMU_VIRT.HIGH_MMIO_DEFAULT, explicit: false } : { kind: 'unknown' };
}

export function fitOf(gpus: readonly GpuView[], window: bigint): WindowFit {
  return placeApertures(
    gpus.filter((g) => g.counted && g.bars).map((g) => ({ name: g.label, bars: g.bars!.map((b) => b.size), rootBus: g.device.rootBus === true })),
    window,
  );
}

function fixesFor(m: MachineConfig, size: bigint): TextFix[] {
  const fix = m.window?.rewrite ? m.window.rewrite(size) : m.addWindow?.(size);
  return fix ? [fix] : [];
}

function sizeProblems(m: MachineConfig, needed: bigint | undefined): DiagnosticFact[] {
  const w = m.window;
  if (!w?.size) return [];
  if (!w.size.ok) return [{ range: w.text.range(), severity: 'error', code: 'NVG252', message: w.size.message }];
  const problem = highmemMmioSizeProblem(w.size.value);
  if (!problem) return [];
  const valid = roundupPowerOfTwo(w.size.value) < QEMU_VIRT.HIGH_MMIO_DEFAULT ? QEMU_VIRT.HIGH_MMIO_DEFAULT : roundupPowerOfTwo(w.size.value);
  const target = needed !== undefined && needed > valid ? needed : valid;
  return [{
    range: w.text.range(),
    severity: 'error',
    code: 'NVG016',
    message: `${w.label} is ${human(w.size.value)}: the high window must be a power of two of at least 512 GiB — QEMU refuses it ("${problem}"); ${human(target)} would do`,
    fixes: fixesFor(m, target),
  }];
}

export function windowChecks(vm: VmConfig, gpus: readonly GpuView[]): DiagnosticFact[] {
  const m = vm.machine;
  if (!isVirtMachine(m)) return [];
  const counted = gpus.filter((g) => g.counted && g.bars);
  const uncounted = gpus.filter((g) => !g.counted && g.device.bdf === undefined).length;
  const atLeast = uncounted ? ` (at least: ${uncounted} passed-through device${uncounted > 1 ? 's' : ''} with an unknown address not counted)` : '';
  const needed = counted.length ? fitOf(counted, QEMU_VIRT.HIGH_MMIO_DEFAULT).neededWindow : undefined;
  const out = sizeProblems(m, needed);
  const w = windowSize(vm);
  if (!counted.length) return out;
  if (w.kind === 'off') {
    out.push({
      range: m.highWindowOff!.range(),
      severity: 'error',
      code: 'NVG015',
      message: `the high PCIe MMIO window is switched off, so the 64-bit BARs of ${counted.map((g) => g.label).join(', ')} have nowhere to go: the guest cannot assign them`,
    });
    return out;
  }
  if (w.kind !== 'known') return out;
  const fit = fitOf(counted, w.bytes);
  if (fit.fits) return out;
  const where = m.window ? m.window.text : m.typeText;
  const strides = fit.placements.map((p) => `${p.name} ${human(p.stride)}${p.rootBus ? ' on the root bus' : ''}`).join(', ');
  out.push({
    range: where.range(),
    severity: 'error',
    code: 'NVG015',
    message: `the BAR apertures of ${counted.length} GPU${counted.length > 1 ? 's' : ''} need ${human(fit.used)} (${strides}) but the high PCIe MMIO window is ${human(w.bytes)}${w.explicit ? '' : ' (the default)'}: set highmem-mmio-size=${formatQemuSize(fit.neededWindow)}${atLeast}`,
    fixes: fixesFor(m, fit.neededWindow),
    related: fit.placements
      .map((p, i) => ({ p, g: counted[i] }))
      .filter(({ p }) => !p.fits)
      .map(({ p, g }) => ({ uri: g.device.where.doc.uri, range: g.device.where.range(), message: `${p.name}: ${human(p.stride)} at ${human(p.offset)} ends past the window` })),
  });
  return out;
}
