// A `.vfio-lens.json` file read once per text: the JSON tree with positions,
// the schema issues, and each device validated on its own (one bad device
// does not hide the others from the workspace).
import type { Node } from 'jsonc-parser';
import type { z } from 'zod';
import { DeviceProfile, deviceProfileSchema, kernelName, pageSize as pageSizeSchema, profileFileSchema } from '../../../../shared/profile';
import type { PageSize } from '../../model';
import { ResolveDefaults, ResolveResult, resolveDevice } from '../../profiles/activeProfile';
import { ParsedJson, parseJson, valueAt } from './jsonLocations';

export interface DeviceEntry {
  readonly index: number;
  /** The device's object in the tree. */
  readonly node: Node;
  /** Present when the device passed the schema. */
  readonly profile?: DeviceProfile;
}

export interface ProfileFileModel {
  readonly text: string;
  readonly json: ParsedJson;
  readonly issues: readonly z.core.$ZodIssue[];
  readonly fileKernel?: string;
  readonly filePageSize?: PageSize;
  readonly devices: readonly DeviceEntry[];
}

export function readProfileFile(text: string): ProfileFileModel {
  const json = parseJson(text);
  const checked = profileFileSchema.safeParse(json.value, { reportInput: true });
  const issues = checked.success ? [] : checked.error.issues;
  const obj = json.value && typeof json.value === 'object' && !Array.isArray(json.value) ? (json.value as Record<string, unknown>) : {};
  const k = kernelName.safeParse(obj.kernel);
  const p = pageSizeSchema.safeParse(obj.pageSize);
  const list = valueAt(json.root, ['devices']);
  const devices: DeviceEntry[] = [];
  if (list?.type === 'array' && Array.isArray(obj.devices)) {
    (list.children ?? []).forEach((node, index) => {
      const d = deviceProfileSchema.safeParse((obj.devices as unknown[])[index]);
      devices.push({ index, node, ...(d.success ? { profile: d.data } : {}) });
    });
  }
  return {
    text,
    json,
    issues,
    ...(k.success ? { fileKernel: k.data } : {}),
    ...(p.success ? { filePageSize: p.data } : {}),
    devices,
  };
}

/** The file's own kernel and page size come before the settings. */
export function fileDefaults(m: ProfileFileModel, settings: ResolveDefaults): ResolveDefaults {
  return { kernel: m.fileKernel ?? settings.kernel, pageSize: m.filePageSize ?? settings.pageSize };
}

export interface ResolvedEntry {
  readonly entry: DeviceEntry & { readonly profile: DeviceProfile };
  readonly result: ResolveResult;
}

export function resolveEntries(m: ProfileFileModel, source: string, settings: ResolveDefaults): ResolvedEntry[] {
  const defaults = fileDefaults(m, settings);
  return m.devices
    .filter((e): e is DeviceEntry & { profile: DeviceProfile } => e.profile !== undefined)
    .map((entry) => ({ entry, result: resolveDevice(entry.profile, source, defaults) }));
}
