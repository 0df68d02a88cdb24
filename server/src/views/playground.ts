// The playground is stateless on the server: every request carries the whole
// op history, replayed on a fresh device (as after open), so the view can
// undo, reload and restore without the server keeping sessions.
import type { DeviceOpJson, EmulateResult, PlaygroundStep } from '../../../shared/playground';
import { opResultJson } from '../../../shared/deviceOps';
import { DeviceOp, EmulatedDevice, LayoutOk, VFIO_REGIONS, hex, regions } from '../model';
import type { ResolvedDevice } from '../profiles/activeProfile';
import { configRegisters } from './configRegisters';
import { explainOp } from './opRules';

export function replayOps(device: ResolvedDevice, ops: readonly DeviceOp[]): EmulateResult {
  const l = device.layout;
  if (!l.ok) return { ok: false, device: device.name, message: `${l.error}: ${l.message}` };
  const emulated = new EmulatedDevice(l, device.pageSize);
  const steps = ops.map((op): PlaygroundStep => {
    const r = emulated.apply(op);
    const stored = (r.op === 'configRead' || r.op === 'configWrite') && r.result.emulated ? emulated.stored(r.result.regionIndex) : 0n;
    const why = explainOp(l, device.pageSize, op, r, stored);
    return { result: opResultJson(r, 'width' in op ? op.width : undefined), ...why };
  });
  return { ok: true, device: device.name, steps, registers: configRegisters(l, emulated) };
}

/**
 * The classic BAR sizing probe for every fake BAR: all ones to both dwords,
 * then read both back (what a guest's PCI core does at enumeration).
 */
export function sizingOps(l: LayoutOk): DeviceOpJson[] {
  const allOnes = hex(0xffff_ffffn);
  return regions(l).flatMap((r): DeviceOpJson[] => {
    const low = VFIO_REGIONS[r.regionIndex].configOffset ?? 0;
    return [
      { op: 'configWrite', offset: low, width: 4, value: allOnes },
      { op: 'configWrite', offset: low + 4, width: 4, value: allOnes },
      { op: 'configRead', offset: low, width: 4 },
      { op: 'configRead', offset: low + 4, width: 4 },
    ];
  });
}
