// The QEMU checks and hovers over one VM definition, shared by the shell
// (QEMU command lines, .args files) and libvirt front ends.
import type { AnalysisContext, DiagnosticFact, HoverFact } from '../../analysis';
import type { QemuArgv } from './argv';
import type { VmConfig } from './config';
import { gpuViews } from './gpus';
import { vmHovers } from './hovers';
import { numaChecks } from './numaChecks';
import { windowChecks } from './windowChecks';

const BDF = /^(?:[0-9a-fA-F]{1,4}:)?[0-9a-fA-F]{1,2}:[0-1]?[0-9a-fA-F]\.[0-7]$/;

function deviceChecks(vm: VmConfig): DiagnosticFact[] {
  return vm.devices.flatMap((d) =>
    d.hostText?.known && !BDF.test(d.hostText.text)
      ? [{ range: d.hostText.range(), severity: 'error' as const, code: 'NVG255', message: `host=${d.hostText.text} is not a PCI address: write [domain:]bus:device.function in hex, e.g. 0009:01:00.0` }]
      : [],
  );
}

export function argvProblems(argv: QemuArgv): DiagnosticFact[] {
  return argv.problems.map((p) => ({ range: p.at.range(), severity: 'error', code: p.code === 'missing-argument' ? 'NVG251' : 'NVG254', message: p.message }));
}

export function analyzeVm(vm: VmConfig, ctx: AnalysisContext): { diagnostics: DiagnosticFact[]; hovers: HoverFact[] } {
  const gpus = gpuViews(vm, ctx);
  return { diagnostics: [...deviceChecks(vm), ...windowChecks(vm, gpus), ...numaChecks(vm, gpus)], hovers: vmHovers(vm, gpus) };
}
