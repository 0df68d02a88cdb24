// What a driver source file says, in vfio-lens's terms: its macros and their
// values, which VFIO region plays which role, its config-window checks, ops
// and ID tables, memory-field assignments, region decodes and ACPI names.
// Built once per analysis from the scan; hovers, hints, lenses and
// diagnostics all read this.
import { ACPI_PROPERTY_FACTS, REGION_ROLES, VFIO, VFIO_REGIONS } from '../../model';
import type { Evaluation } from './constEval';
import type { ConstEvaluator } from './constEval';
import type { MacroDef, Point } from './macroTable';
import { Directive, Preprocessor, pointAt } from './preprocessor';
import { NONE, isEmptyScan, isWindowHelper, list } from './scan';
import type { Call, FieldAssignment, Ident, Scan, Shift, Span, StringLit } from './scan';

export interface DefineFact {
  readonly def: MacroDef;
  readonly nameSpan: Span;
  readonly bodySpan: Span;
  /** The point right after the #define: its body as any later use sees it. */
  readonly point: Point;
  /** Object-like macros only. */
  readonly evaluation?: Evaluation;
}

export interface RoleFact {
  /** "usemem", "resmem", or the name's prefix ("legacy_io" for LEGACY_IO_REGION_INDEX). */
  readonly role: string;
  readonly index: number;
  readonly define: DefineFact;
}

export interface WindowFact {
  readonly call: Call;
  readonly register?: number;
  readonly length?: number;
  readonly registerEval: Evaluation;
  readonly lengthEval: Evaluation;
  /** The region index the guarded branch answers for, and the role its name gives it. */
  readonly paired?: { readonly ident: Ident; readonly index: number; readonly role?: string };
}

export type DecodeKind = 'pgoff-index' | 'pgoff-offset' | 'fd-index' | 'index-fd';

export interface DecodeFact {
  readonly shift: Shift;
  readonly kind: DecodeKind;
  /** Value of the constant side (the shift count or the mask). */
  readonly amount: bigint;
}

export interface MemFieldFact {
  readonly assignment: FieldAssignment;
  readonly role: 'usemem' | 'resmem';
  readonly field: 'memphys' | 'memlength' | 'bar_size';
  /** The last write to this field in its function: where the hint goes. */
  readonly last: boolean;
}

export interface AcpiFact {
  readonly str: StringLit;
  readonly known?: (typeof ACPI_PROPERTY_FACTS)[number];
}

export interface DriverModel {
  readonly defines: readonly DefineFact[];
  readonly roles: readonly RoleFact[];
  readonly windows: readonly WindowFact[];
  readonly memFields: readonly MemFieldFact[];
  readonly decodes: readonly DecodeFact[];
  readonly acpi: readonly AcpiFact[];
  /** Region-index uses in code (identifiers), with their values. */
  readonly regionUses: ReadonlyArray<{ readonly ident: Ident; readonly index: number; readonly evaluation: Evaluation }>;
  /** Looks like nvgrace-gpu: uses its roles, fields, properties or IDs. */
  readonly nvgraceLike: boolean;
  /** Which kernel's split rules the source follows, judged by whether it reads the MIG DVSEC bit. */
  readonly sourceGeneration?: 'split-always' | 'mig-aware';
  /** Role a region index plays in this file. */
  roleOf(index: number): string | undefined;
  /** Whether the driver exposes a role as a 64-bit BAR (nvgrace's roles, or an 8-byte config window). */
  is64(role: string): boolean;
  evalAt(text: string, offset: number): Evaluation;
  evalAtPoint(text: string, at: Point): Evaluation;
  pointAt(offset: number): Point;
}

const ROLE_NAME = /^(?:([A-Z0-9_]+?)_)?REGION_(?:INDEX|IDX)$/;
const MEM_FIELD = /(?:^|[.>])(usemem|resmem)\.(memphys|memlength|bar_size)$/;

function isRegionIndex(e: Evaluation, name: string): number | undefined {
  if (!e.result.ok) return undefined;
  const v = e.result.value;
  if (v < 0n || v >= BigInt(VFIO.NUM_REGIONS)) return undefined;
  const viaKernel = e.used.some((u) => VFIO_REGIONS.some((r) => r.macro === u));
  return viaKernel || ROLE_NAME.test(name) ? Number(v) : undefined;
}

/** `sizeof(val)` of a local `u64 val` reads as `sizeof(u64)`: locals are not macros, but their types are known. */
function withLocalTypes(text: string, fn: string | undefined, s: Scan): string {
  return text.replace(/\bsizeof\s*(\(\s*)?([A-Za-z_]\w*)(\s*\))?/g, (whole, open: string | undefined, name: string, close: string | undefined) => {
    const local = fn ? s.locals.find((l) => l.fn === fn && l.name === name) : undefined;
    return local && (!!open === !!close) ? `sizeof(${local.type})` : whole;
  });
}

/** What the model reads from one piece of the file (see pieces.ts); role names and last writes are the file's. */
export interface PieceModel {
  readonly regionUses: DriverModel['regionUses'];
  readonly windows: readonly WindowFact[];
  readonly memFields: readonly MemFieldFact[];
  readonly decodes: readonly DecodeFact[];
  readonly acpi: readonly AcpiFact[];
}

/** Evaluates `text` as it reads at a document offset, adding the macro names it looked up to `touched`. */
export type EvalAt = (text: string, offset: number, touched?: Set<string>) => Evaluation;

/** The model facts of one piece's scan; `touched` collects every macro name their values rest on. */
const EMPTY_MODEL: PieceModel = { regionUses: NONE, windows: NONE, memFields: NONE, decodes: NONE, acpi: NONE };

export function pieceModel(s: Scan, evalAt: EvalAt, touched: Set<string>): PieceModel {
  if (isEmptyScan(s)) return EMPTY_MODEL;
  const regionUses: Array<{ ident: Ident; index: number; evaluation: Evaluation }> = [];
  const calledNames = new Set(s.callSites.map((c) => c.start));
  for (const id of s.idents) {
    if (calledNames.has(id.start)) continue;
    const e = evalAt(id.name, id.start, touched);
    const index = isRegionIndex(e, id.name);
    if (index !== undefined) regionUses.push({ ident: id, index, evaluation: e });
  }

  const windows: WindowFact[] = [];
  for (const c of s.calls) {
    if (!isWindowHelper(c.name) || c.args.length < 4) continue;
    const registerEval = evalAt(c.args[2].text, c.args[2].start, touched);
    const lengthEval = evalAt(withLocalTypes(c.args[3].text, c.fn, s), c.args[3].start, touched);
    const guarded = c.guards ? regionUses.find((u) => u.ident.start >= c.guards!.start && u.ident.end <= c.guards!.end) : undefined;
    windows.push({
      call: c,
      registerEval,
      lengthEval,
      ...(registerEval.result.ok ? { register: Number(registerEval.result.value) } : {}),
      ...(lengthEval.result.ok ? { length: Number(lengthEval.result.value) } : {}),
      ...(guarded ? { paired: { ident: guarded.ident, index: guarded.index } } : {}),
    });
  }

  const memFields: MemFieldFact[] = [];
  for (const a of s.assignments) {
    const m = MEM_FIELD.exec(a.target);
    if (m) memFields.push({ assignment: a, role: m[1] as 'usemem' | 'resmem', field: m[2] as MemFieldFact['field'], last: false });
  }

  const decodes: DecodeFact[] = [];
  for (const sh of s.shifts) {
    const right = evalAt(sh.right.text, sh.right.start, touched);
    if (!right.result.ok || !right.used.includes('VFIO_PCI_OFFSET_SHIFT')) continue;
    const amount = right.result.value;
    const usesPage = right.used.includes('PAGE_SHIFT');
    if (sh.op === '>>') decodes.push({ shift: sh, kind: usesPage ? 'pgoff-index' : 'fd-index', amount });
    else if (sh.op === '&' && usesPage) decodes.push({ shift: sh, kind: 'pgoff-offset', amount });
    else if (sh.op === '<<' && !usesPage) decodes.push({ shift: sh, kind: 'index-fd', amount });
  }

  const acpi: AcpiFact[] = s.strings.map((str) => {
    const known = ACPI_PROPERTY_FACTS.find((p) => p.name === str.value);
    return known ? { str, known } : { str };
  });
  return { regionUses: list(regionUses), windows: list(windows), memFields: list(memFields), decodes: list(decodes), acpi: list(acpi) };
}

/** The model of a file; `parts` are its pieces' models in order (made from `s` when absent). */
/** Whether the file calls (inside a function) or mentions a name: answered without placing every name. */
export interface NameQuestions {
  calls(test: (name: string) => boolean): boolean;
  mentions(test: (name: string) => boolean): boolean;
}

export function buildDriver(pp: Preprocessor, ev: ConstEvaluator, s: Scan, parts?: readonly PieceModel[], names?: NameQuestions): DriverModel {
  const point = (offset: number) => pointAt(pp, offset);
  const evalAt: EvalAt = (text, offset, touched) => ev.evaluateText(text, point(offset), touched);

  const defines: DefineFact[] = [];
  pp.directives.forEach((d: Directive, i) => {
    if (d.kind !== 'define' || !d.name) return;
    const loc = pp.locations[i];
    const at = { ordinal: d.ordinal + 1, path: d.path };
    defines.push({
      def: d,
      nameSpan: { start: loc.nameStart!, end: loc.nameEnd! },
      bodySpan: { start: loc.bodyStart!, end: loc.bodyEnd! },
      point: at,
      ...(d.params ? {} : { evaluation: ev.evaluateText(d.body, at) }),
    });
  });

  const roles: RoleFact[] = [];
  for (const f of defines) {
    const m = ROLE_NAME.exec(f.def.name);
    if (!m || !f.evaluation) continue;
    const index = isRegionIndex(f.evaluation, f.def.name);
    if (index === undefined) continue;
    const prefix = (m[1] ?? '').toLowerCase();
    const role = /resmem/.test(prefix) ? 'resmem' : /usemem/.test(prefix) ? 'usemem' : prefix || f.def.name;
    roles.push({ role, index, define: f });
  }

  const roleNamed = (name: string) => {
    const r = roles.find((x) => x.define.def.name === name);
    return r ? { role: r.role } : {};
  };

  const pieces = parts ?? [pieceModel(s, evalAt, new Set())];
  const all = <K extends keyof PieceModel>(k: K): Array<PieceModel[K][number]> => {
    const out: Array<PieceModel[K][number]> = [];
    for (const p of pieces) for (const x of p[k]) out.push(x);
    return out;
  };
  // Region uses are read by hovers, hints and lenses only: placed when first asked for.
  let regionUses: Array<PieceModel['regionUses'][number]> | undefined;
  const windows = all('windows').map((w) => (w.paired ? { ...w, paired: { ...w.paired, ...roleNamed(w.paired.ident.name) } } : w));
  const memFields = all('memFields');
  const lastByKey = new Map<string, number>();
  memFields.forEach((f, i) => lastByKey.set(`${f.assignment.fn}|${f.role}.${f.field}`, i));
  const memFieldsMarked = memFields.map((f, i) => ({ ...f, last: lastByKey.get(`${f.assignment.fn}|${f.role}.${f.field}`) === i }));
  const decodes = all('decodes');
  const acpi = all('acpi');

  const nvgraceLike =
    roles.some((r) => r.role === 'usemem' || r.role === 'resmem') ||
    memFieldsMarked.length > 0 ||
    acpi.some((a) => a.known);
  const calls = names?.calls ?? ((t: (n: string) => boolean) => s.callSites.some((c) => t(c.name)));
  const mentions = names?.mentions ?? ((t: (n: string) => boolean) => s.idents.some((i) => t(i.name)));
  const migAware = calls((n) => n === 'pci_find_dvsec_capability') || mentions((n) => n === 'MIG_SUPPORTED_WITH_CACHED_RESMEM');
  const sourceGeneration = migAware ? 'mig-aware' : nvgraceLike && roles.some((r) => r.role === 'resmem') ? 'split-always' : undefined;

  const roleOf = (index: number): string | undefined => {
    const own = roles.find((r) => r.index === index);
    if (own) return own.role;
    if (!nvgraceLike) return undefined;
    return (Object.keys(REGION_ROLES) as Array<keyof typeof REGION_ROLES>).find((k) => REGION_ROLES[k].index === index && !roles.some((r) => r.role === k));
  };

  const is64 = (role: string) =>
    role === 'usemem' || role === 'resmem' || windows.some((w) => w.length === 8 && w.paired && roleOf(w.paired.index) === role);

  return {
    defines,
    roles,
    is64,
    windows,
    memFields: memFieldsMarked,
    decodes,
    acpi,
    get regionUses() {
      return (regionUses ??= all('regionUses'));
    },
    nvgraceLike,
    ...(sourceGeneration ? { sourceGeneration } : {}),
    roleOf,
    evalAt,
    evalAtPoint: (text, at) => ev.evaluateText(text, at),
    pointAt: point,
  };
}
