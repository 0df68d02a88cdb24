// `struct pci_device_id` tables: each entry's vendor:device, whether it
// binds only through driver_override (what VFIO variant drivers must do),
// and the SKU vfio-lens knows it as.
import { DeviceIdEntry, NVGRACE_DEVICE_IDS } from '../../model';
import type { DriverModel } from './driver';
import type { Span, StructTable, TableEntry } from './scan';

export type IdForm = 'override' | 'device' | 'vdevice' | 'device_sub' | 'designated' | 'other';

export interface IdEntryFact {
  readonly entry: TableEntry;
  readonly form: IdForm;
  readonly vendor?: number;
  readonly device?: number;
  /** Source text of the vendor and device arguments (for quick fixes). */
  readonly vendorText?: string;
  readonly deviceText?: string;
  readonly deviceSpan?: Span;
  readonly known?: DeviceIdEntry;
  readonly overrideOnly: boolean;
}

export interface IdTableFact {
  readonly table: StructTable;
  readonly entries: readonly IdEntryFact[];
  readonly terminated: boolean;
}

const FORMS: Readonly<Record<string, IdForm>> = {
  PCI_DRIVER_OVERRIDE_DEVICE_VFIO: 'override',
  PCI_DEVICE: 'device',
  PCI_VDEVICE: 'vdevice',
  PCI_DEVICE_SUB: 'device_sub',
};

export function idTables(tables: readonly StructTable[], d: DriverModel): IdTableFact[] {
  return tables
    .filter((t) => t.struct === 'pci_device_id' && t.isArray)
    .map((table) => {
      const entries = table.entries.filter((e) => !e.empty).map((e) => entryFact(e, d));
      const last = table.entries[table.entries.length - 1];
      return { table, entries, terminated: !!last?.empty };
    });
}

function num(d: DriverModel, text: string, at: number): number | undefined {
  const e = d.evalAt(text, at);
  return e.result.ok ? Number(e.result.value) : undefined;
}

function entryFact(entry: TableEntry, d: DriverModel): IdEntryFact {
  let vendor: number | undefined;
  let device: number | undefined;
  let vendorText: string | undefined;
  let deviceText: string | undefined;
  let deviceSpan: Span | undefined;
  let form: IdForm = 'other';
  let overrideOnly = false;
  if (entry.macro && FORMS[entry.macro.name] && entry.macro.args.length >= 2) {
    form = FORMS[entry.macro.name];
    const [v, dev] = entry.macro.args;
    vendorText = v.text;
    deviceText = dev.text;
    deviceSpan = { start: dev.start, end: dev.end };
    vendor = form === 'vdevice' ? num(d, `PCI_VENDOR_ID_${v.text.trim()}`, v.start) : num(d, v.text, v.start);
    device = num(d, dev.text, dev.start);
    overrideOnly = form === 'override';
  } else if (entry.fields) {
    form = 'designated';
    const field = (name: string) => entry.fields!.find((f) => f.field === name);
    const v = field('vendor');
    const dev = field('device');
    if (v) {
      vendorText = v.value.text;
      vendor = num(d, v.value.text, v.value.start);
    }
    if (dev) {
      deviceText = dev.value.text;
      deviceSpan = { start: dev.value.start, end: dev.value.end };
      device = num(d, dev.value.text, dev.value.start);
    }
    overrideOnly = !!field('override_only');
  }
  const known = NVGRACE_DEVICE_IDS.find((k) => k.vendor === vendor && k.device === device);
  return {
    entry,
    form,
    overrideOnly,
    ...(vendor !== undefined ? { vendor } : {}),
    ...(device !== undefined ? { device } : {}),
    ...(vendorText !== undefined ? { vendorText } : {}),
    ...(deviceText !== undefined ? { deviceText } : {}),
    ...(deviceSpan ? { deviceSpan } : {}),
    ...(known ? { known } : {}),
  };
}
