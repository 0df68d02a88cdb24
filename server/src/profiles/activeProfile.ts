// The devices the workspace describes and the one every number is computed
// for. Sources, in order of preference for the active device: the device the
// user picked, the first device of a profile file, the inline setting, and
// finally the GH200 96 GB preset.
import type { DeviceProfile } from '../../../shared/profile';
import type { Settings } from '../../../shared/settings';
import { Kernel, Layout, PageSize, SKU_PRESETS, SkuPreset, findPreset, layout, parseKernel } from '../model';

export interface ResolvedDevice {
  readonly name: string;
  /** "preset", "settings", or the URI of the profile file. */
  readonly source: string;
  readonly bdf?: string;
  readonly preset?: SkuPreset;
  readonly kernel: Kernel;
  readonly pageSize: PageSize;
  readonly memphys: bigint;
  readonly memlength: bigint;
  readonly migHwBug: boolean;
  readonly layout: Layout;
}

export type ActiveProfile = ResolvedDevice;

export interface ProfileSet {
  readonly devices: readonly ResolvedDevice[];
  findByBdf(bdf: string): ResolvedDevice | undefined;
  findByName(name: string): ResolvedDevice | undefined;
}

export type ResolveResult =
  | { readonly ok: true; readonly device: ResolvedDevice }
  | { readonly ok: false; readonly field: 'kernel' | 'memphys' | 'memlength' | 'sku'; readonly message: string };

export interface ResolveDefaults {
  readonly kernel: string;
  readonly pageSize: PageSize;
}

/** Fills a profile's gaps from its SKU and the defaults, then computes its layout. */
export function resolveDevice(p: DeviceProfile, source: string, defaults: ResolveDefaults): ResolveResult {
  const preset = p.sku ? findPreset(p.sku) : undefined;
  const k = parseKernel(p.kernel ?? defaults.kernel);
  if (!k.ok) return { ok: false, field: 'kernel', message: k.message };
  const memphys = p.memphys ?? preset?.memphys;
  const memlength = p.memlength ?? preset?.memlength;
  if (memphys === undefined) return { ok: false, field: 'memphys', message: `device "${p.name}" needs "memphys" (nvidia,gpu-mem-base-pa) or a "sku"` };
  if (memlength === undefined) return { ok: false, field: 'memlength', message: `device "${p.name}" needs "memlength" (nvidia,gpu-mem-size) or a "sku"` };
  const migHwBug = p.migHwBug ?? preset?.migHwBug ?? true;
  return {
    ok: true,
    device: {
      name: p.name,
      source,
      ...(p.bdf ? { bdf: normalizeBdf(p.bdf) } : {}),
      ...(preset ? { preset } : {}),
      kernel: k.kernel,
      pageSize: p.pageSize ?? defaults.pageSize,
      memphys,
      memlength,
      migHwBug,
      layout: layout(k.kernel, memphys, memlength, migHwBug),
    },
  };
}

/** "9:1:0.0"-style variants compare equal to "0009:01:00.0". */
export function normalizeBdf(bdf: string): string {
  const m = /^(?:([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])$/.exec(bdf.trim());
  if (!m) return bdf.trim().toLowerCase();
  const [, dom = '0', bus, dev, fn] = m;
  return `${dom.padStart(4, '0')}:${bus.padStart(2, '0')}:${dev.padStart(2, '0')}.${fn}`.toLowerCase();
}

export function presetDevice(preset: SkuPreset, defaults: ResolveDefaults): ResolvedDevice {
  const r = resolveDevice({ name: preset.label, sku: preset.id as DeviceProfile['sku'] }, 'preset', defaults);
  if (!r.ok) throw new Error(`preset ${preset.id} does not resolve: ${r.message}`);
  return r.device;
}

/**
 * Holds the devices from every source; profile files register theirs by URI.
 * Cheap to rebuild: a workspace has a handful of devices.
 */
export class ProfileStore implements ProfileSet {
  private readonly fileDevices = new Map<string, ResolvedDevice[]>();
  private settings: Settings;
  private inline: ResolvedDevice | undefined;

  constructor(settings: Settings) {
    this.settings = settings;
    this.inline = this.resolveInline();
  }

  private get defaults(): ResolveDefaults {
    return { kernel: this.settings.kernel, pageSize: this.settings.pageSize };
  }

  private resolveInline(): ResolvedDevice | undefined {
    if (!this.settings.profile) return undefined;
    const r = resolveDevice(this.settings.profile, 'settings', this.defaults);
    return r.ok ? r.device : undefined;
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
    this.inline = this.resolveInline();
    this.presetDevices = undefined;
  }

  /** Replaces the devices a profile file declares (empty to forget the file). */
  setFileDevices(uri: string, devices: ResolvedDevice[]): void {
    if (devices.length) this.fileDevices.set(uri, devices);
    else this.fileDevices.delete(uri);
  }

  get devices(): ResolvedDevice[] {
    const fromFiles = [...this.fileDevices.keys()].sort().flatMap((u) => this.fileDevices.get(u) ?? []);
    return [...fromFiles, ...(this.inline ? [this.inline] : [])];
  }

  /** Presets under the current settings; every request asks for the active device, so they are resolved once. */
  private presetDevices: ResolvedDevice[] | undefined;

  /** The presets, as selectable devices under the current defaults. */
  presets(): ResolvedDevice[] {
    this.presetDevices ??= SKU_PRESETS.map((p) => presetDevice(p, this.defaults));
    return [...this.presetDevices];
  }

  findByBdf(bdf: string): ResolvedDevice | undefined {
    const want = normalizeBdf(bdf);
    return this.devices.find((d) => d.bdf === want);
  }

  findByName(name: string): ResolvedDevice | undefined {
    return this.devices.find((d) => d.name === name) ?? this.presets().find((d) => d.name === name);
  }

  active(): ActiveProfile {
    const picked = this.settings.activeDevice ? this.findByName(this.settings.activeDevice) : undefined;
    return picked ?? this.devices[0] ?? this.presets()[0];
  }

  /**
   * The device a document selects: a profile file shows the picked device if
   * it declares it, else its first; any other document shows the active one.
   */
  activeFor(uri: string | undefined): { device: ActiveProfile; fromDocument: boolean } {
    const own = uri ? this.fileDevices.get(uri) : undefined;
    if (!own?.length) return { device: this.active(), fromDocument: false };
    const picked = own.find((d) => d.name === this.settings.activeDevice);
    return { device: picked ?? own[0], fromDocument: true };
  }
}
