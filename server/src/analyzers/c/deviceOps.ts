// `struct vfio_device_ops` tables: for each callback, whether the driver
// plugs in vfio-pci core or its own function, and what that function
// handles (from the function summaries).
import type { FunctionIndex, FunctionSummary } from './functions';
import { OPS_BY_FIELD, OpsCallback, VFIO_DEVICE_OPS, isCoreFunction } from './opsCallbacks';
import type { InitField, Scan, StructTable } from './scan';

export interface OpsFieldFact {
  readonly field: InitField;
  readonly callback?: OpsCallback;
  readonly kind: 'name' | 'core' | 'override' | 'other';
  /** The function named as the value, for core and overrides. */
  readonly fn?: string;
  readonly summary?: FunctionSummary;
}

export interface OpsTableFact {
  readonly table: StructTable;
  readonly fields: readonly OpsFieldFact[];
  /** The `.name` string, unquoted. */
  readonly opsName?: string;
  readonly overrides: readonly OpsFieldFact[];
  readonly core: readonly OpsFieldFact[];
  /** Callbacks the table leaves unset (vfio then lacks that operation). */
  readonly unset: readonly OpsCallback[];
}

export function opsTables(s: Scan, fns: FunctionIndex): OpsTableFact[] {
  return s.tables
    .filter((t) => t.struct === 'vfio_device_ops' && !t.isArray)
    .map((table) => {
      const fields = table.fields.map((field): OpsFieldFact => {
        const callback = OPS_BY_FIELD.get(field.field);
        const value = field.value.text.trim();
        if (field.field === 'name') return { field, ...(callback ? { callback } : {}), kind: 'name' };
        const ident = /^&?\s*([A-Za-z_]\w*)$/.exec(value)?.[1];
        if (!ident) return { field, ...(callback ? { callback } : {}), kind: 'other' };
        if (isCoreFunction(ident)) return { field, ...(callback ? { callback } : {}), kind: 'core', fn: ident };
        const summary = fns.reach(ident);
        return summary ? { field, ...(callback ? { callback } : {}), kind: 'override', fn: ident, summary } : { field, ...(callback ? { callback } : {}), kind: 'other', fn: ident };
      });
      const set = new Set(fields.map((f) => f.field.field));
      const nameField = fields.find((f) => f.kind === 'name');
      const opsName = nameField ? /^"(.*)"$/.exec(nameField.field.value.text.trim())?.[1] : undefined;
      return {
        table,
        fields,
        ...(opsName !== undefined ? { opsName } : {}),
        overrides: fields.filter((f) => f.kind === 'override'),
        core: fields.filter((f) => f.kind === 'core'),
        unset: VFIO_DEVICE_OPS.filter((c) => !set.has(c.field) && c.field !== 'name'),
      };
    });
}
