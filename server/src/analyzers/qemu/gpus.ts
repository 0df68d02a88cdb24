// Which passed-through devices are Grace GPUs, and with whose numbers. A
// device counts when a profile names its PCI address, or when generic
// initiators point at it (only Grace GPUs get those); a counted device no
// profile names is taken to be the active profile's GPU, and says so.
import type { AnalysisContext } from '../../analysis';
import { GuestBar, NO_PHYSICAL_BARS, guestBars } from '../../model';
import type { ResolvedDevice } from '../../profiles/activeProfile';
import { GenericInitiator, PassthroughDevice, VmConfig, nodeLabel } from './config';

export interface GpuView {
  readonly device: PassthroughDevice;
  /** The profile whose numbers apply: the one naming this BDF, else the active one. */
  readonly profile: ResolvedDevice;
  readonly matched: boolean;
  readonly initiators: readonly GenericInitiator[];
  /** Distinct known GI nodes, ascending. */
  readonly nodes: readonly number[];
  /** The same nodes as written, for messages (see nodeLabel). */
  readonly nodeLabels: readonly string[];
  /** Counted as a Grace GPU (matched, or has generic initiators). */
  readonly counted: boolean;
  /** Guest BARs; undefined when the driver would not give the device fake BARs. */
  readonly bars: readonly GuestBar[] | undefined;
  /** A name for messages: its id, else its address. */
  readonly label: string;
}

export function barsOf(profile: ResolvedDevice): GuestBar[] | undefined {
  return profile.layout.ok ? guestBars(profile.layout, profile.preset?.physicalBars ?? NO_PHYSICAL_BARS) : undefined;
}

export function gpuViews(vm: VmConfig, ctx: AnalysisContext): GpuView[] {
  return vm.devices.map((device) => {
    const found = device.bdf ? ctx.profiles.findByBdf(device.bdf) : undefined;
    const initiators = device.id === undefined ? [] : vm.initiators.filter((g) => g.pciDev === device.id);
    const nodes = [...new Set(initiators.flatMap((g) => (g.node === undefined ? [] : [g.node])))].sort((a, b) => a - b);
    const profile = found ?? ctx.profile;
    return {
      device,
      profile,
      matched: found !== undefined,
      initiators,
      nodes,
      nodeLabels: nodes.map((n) => nodeLabel(n, initiators.find((g) => g.node === n)?.nodeText)),
      counted: found !== undefined || initiators.length > 0,
      bars: barsOf(profile),
      label: device.id ?? device.bdf ?? device.driver,
    };
  });
}
