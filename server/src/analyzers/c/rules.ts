// The C-source diagnostics (NVG100–NVG116, and the domain's NVG011/NVG012 for
// device IDs), each with a stable code, a one-line why and, where the fix
// is obvious, a quick fix. docs/diagnostics.md documents every code.
import type { Range } from 'vscode-languageserver-types';
import { ACPI_PROPERTY_FACTS, VFIO_REGIONS, hex, idTableFinding, isPowerOfTwo } from '../../model';
import type { AnalysisContext, DiagnosticFact, TextFix } from '../../analysis';
import type { DriverModel } from './driver';
import type { IdTableFact } from './deviceIds';
import { valueText } from './format';
import { NVGRACE_NAME } from './nvgraceNames';
import type { Call, Span } from './scan';
import { MAX_GROUP_DEPTH } from './preprocessor';

export interface RuleInput {
  readonly uri: string;
  readonly model: DriverModel;
  readonly idTables: readonly IdTableFact[];
  readonly calls: readonly Call[];
  /** The file uses vfio-pci core: it is a VFIO variant driver. */
  readonly variantDriver: boolean;
  readonly ctx: AnalysisContext;
  readonly range: (s: Span) => Range;
  /** Text of the document between two offsets (for fixes that keep the user's spelling). */
  readonly text: (s: Span) => string;
  /** The first #if group nested too deep to be read, if any. */
  readonly tooDeep?: Span;
}

const ALIGN_HELPERS = new Set(['round_up', 'round_down', 'ALIGN', 'ALIGN_DOWN', 'IS_ALIGNED']);
// A memory-block size exists to be rounded by; other names are judged where they are used as an alignment.
const ALIGN_NAME = /MEMBLK/;

export function driverDiagnostics(x: RuleInput): DiagnosticFact[] {
  return [...depthRule(x), ...macroRules(x), ...roleRules(x), ...windowRules(x), ...idRules(x), ...acpiRules(x)];
}

function depthRule(x: RuleInput): DiagnosticFact[] {
  if (!x.tooDeep) return [];
  return [{
    range: x.range(x.tooDeep),
    severity: 'warning',
    code: 'NVG115',
    message: `#if groups nested more than ${MAX_GROUP_DEPTH} deep: vfio-lens does not read the directives inside, so their macros stay unknown`,
  }];
}

function fix(title: string, range: Range, newText: string, preferred = true): TextFix {
  return { title, edits: [{ range, newText }], preferred };
}

function macroRules(x: RuleInput): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  for (const f of x.model.defines) {
    // Positions only for the #defines that get a finding: a file has thousands.
    let placed: Range | undefined;
    const range = () => (placed ??= x.range(f.bodySpan.end > f.bodySpan.start ? f.bodySpan : f.nameSpan));
    const e = f.evaluation;
    // Expanding the name itself (not just its body) is what finds the way back to it. An object-like
    // body whose own expansion never reached the name (no step, no cycle through it) cannot lead back.
    const reachesName = !e || !!e.blocked || e.steps.some((st) => st.name === f.def.name) || e.cycles.some((c) => c.includes(f.def.name));
    const use = f.def.params ? `${f.def.name}(${f.def.params.map(() => '0').join(', ')})` : f.def.name;
    const cycle = reachesName ? x.model.evalAtPoint(use, f.point).cycles.find((c) => c[0] === f.def.name) : undefined;
    if (cycle) out.push({ range: range(), severity: 'error', code: 'NVG100', message: `macro cycle ${cycle.join(' → ')}: the expansion comes back to ${f.def.name}, so it never reaches a value` });
    if (!e) continue;
    for (const p of e.problems) {
      if (p.origin !== null) continue; // reported at the macro whose body holds it
      const at = x.range({ start: f.bodySpan.start + p.textStart, end: f.bodySpan.start + p.textEnd });
      if (p.kind === 'overflow64') out.push({ range: at, severity: 'error', code: 'NVG101', message: p.message });
      else if (p.kind === 'overflow32') out.push({ range: at, severity: 'warning', code: 'NVG102', message: p.message });
      else out.push({ range: at, severity: 'error', code: 'NVG106', message: p.message });
    }
    if (!e.result.ok) continue;
    const v = e.result.value;
    if (ALIGN_NAME.test(f.def.name) && !isPowerOfTwo(v)) {
      out.push({ range: range(), severity: 'error', code: 'NVG106', message: `${f.def.name} is ${valueText(v)}, not a power of two: round_down()/ALIGN() by it mask the wrong bits` });
      continue;
    }
    const known = NVGRACE_NAME.get(f.def.name);
    if (known?.fixedBy && x.model.nvgraceLike && v !== known.value) {
      const spelled = known.value >= 1024n ? sizeName(known.value) ?? hex(known.value) : hex(known.value);
      out.push({
        range: range(),
        severity: 'warning',
        code: 'NVG107',
        message: `${f.def.name} is ${valueText(v)}; nvgrace-gpu uses ${valueText(known.value)}, ${known.fixedBy}`,
        fixes: [fix(`Use ${spelled}`, range(), spelled)],
      });
    }
  }
  for (const c of x.calls) {
    if (!ALIGN_HELPERS.has(c.name) || c.args.length !== 2) continue;
    const a = c.args[1];
    const e = x.model.evalAt(a.text, a.start);
    if (e.result.ok && !isPowerOfTwo(e.result.value)) {
      out.push({ range: x.range(a), severity: 'error', code: 'NVG106', message: `${c.name}() needs a power-of-two alignment; ${a.text.trim()} is ${valueText(e.result.value)}, so the mask arithmetic gives a wrong result` });
    }
  }
  return out;
}

function sizeName(v: bigint): string | undefined {
  if (!isPowerOfTwo(v)) return undefined;
  const shift = v.toString(2).length - 1;
  const unit = ['', 'K', 'M', 'G', 'T'][Math.floor(shift / 10)];
  return `SZ_${1 << shift % 10}${unit}`;
}

function roleRules(x: RuleInput): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  const roles = x.model.roles;
  const fixTo = (r: (typeof roles)[number]) => {
    const known = NVGRACE_NAME.get(r.define.def.name);
    const range = x.range(r.define.bodySpan);
    return known && Number(known.value) !== r.index ? [fix(`Use ${VFIO_REGIONS[Number(known.value)].macro} (nvgrace-gpu's)`, range, VFIO_REGIONS[Number(known.value)].macro)] : undefined;
  };
  roles.forEach((r, i) => {
    const range = x.range(r.define.bodySpan);
    const modelFix = fixTo(r);
    const first = roles.slice(0, i).find((o) => o.index === r.index && o.role !== r.role);
    if (first) {
      // Point at the one that left nvgrace-gpu's layout, if only one did.
      const [bad, other] = fixTo(first) && !modelFix ? [first, r] : [r, first];
      const badFix = fixTo(bad);
      out.push({
        range: x.range(bad.define.bodySpan),
        severity: 'error',
        code: 'NVG103',
        message: `${bad.role} and ${other.role} both map to VFIO region ${r.index} (${VFIO_REGIONS[r.index].name}): one region cannot be two BARs`,
        related: [{ uri: x.uri, range: x.range(other.define.bodySpan), message: `${other.role} is region ${r.index} here` }],
        ...(badFix ? { fixes: badFix } : {}),
      });
      return;
    }
    if (r.index >= 6) {
      out.push({ range, severity: 'error', code: 'NVG105', message: `region ${r.index} is ${VFIO_REGIONS[r.index].name}, not a BAR: ${r.role} cannot be exposed as a fake BAR there`, ...(modelFix ? { fixes: modelFix } : {}) });
      return;
    }
    if (r.index % 2 === 1 && x.model.is64(r.role)) {
      const why = r.index === 5 ? 'BAR5 is the last BAR register: a 64-bit BAR there has no upper half' : `${VFIO_REGIONS[r.index].name} is the upper half of ${VFIO_REGIONS[r.index - 1].name} when that is 64-bit`;
      out.push({ range, severity: 'error', code: 'NVG104', message: `${r.role} is a 64-bit BAR on odd region ${r.index}: ${why}; 64-bit BARs start at an even index`, ...(modelFix ? { fixes: modelFix } : {}) });
    }
  });
  return out;
}

function windowRules(x: RuleInput): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  for (const w of x.model.windows) {
    if (w.register === undefined || !w.paired) continue;
    const region = VFIO_REGIONS[w.paired.index];
    if (region.configOffset === undefined || w.paired.index > 5) continue;
    const role = w.paired.role ?? x.model.roleOf(w.paired.index);
    const wide = role ? x.model.is64(role) : w.length === 8;
    const owns = w.register >= region.configOffset && w.register < region.configOffset + (wide ? 8 : 4);
    const regArg = w.call.args[2];
    if (!owns) {
      const right = `PCI_BASE_ADDRESS_${w.paired.index}`;
      out.push({
        range: x.range(regArg),
        severity: 'error',
        code: 'NVG108',
        message: `config window ${hex(w.register)} is not ${region.name}'s register, but this branch answers for region ${w.paired.index} (${region.name}${role ? `, ${role}` : ''}): ${region.name} lives at ${hex(region.configOffset)}`,
        related: [{ uri: x.uri, range: x.range(w.paired.ident), message: `region ${w.paired.index} is chosen here` }],
        fixes: [fix(`Use ${right}`, x.range(regArg), right)],
      });
      continue;
    }
    if (wide && w.length === 4 && w.register === region.configOffset) {
      const lenArg = w.call.args[3];
      out.push({
        range: x.range(lenArg),
        severity: 'warning',
        code: 'NVG109',
        message: `${role ?? region.name} is a 64-bit BAR but the window covers only ${hex(w.register)}–${hex(w.register + 3)}: the upper dword at ${hex(w.register + 4)} is not emulated and reads the physical register`,
        fixes: [fix('Cover both dwords: sizeof(u64)', x.range(lenArg), 'sizeof(u64)')],
      });
    }
  }
  return out;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function idRules(x: RuleInput): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  const kernel = x.ctx.profile.kernel;
  for (const t of x.idTables) {
    const seen = new Map<string, Span>();
    for (const e of t.entries) {
      const range = x.range(e.entry);
      if (e.vendor !== undefined && e.device !== undefined) {
        const key = `${hex4(e.vendor)}:${hex4(e.device)}`;
        const first = seen.get(key);
        if (first) {
          out.push({
            range,
            severity: 'warning',
            code: 'NVG110',
            message: `${key} is already in ${t.table.name}: the second entry never matches`,
            related: [{ uri: x.uri, range: x.range(first), message: `first entry for ${key}` }],
            fixes: [removeEntry(x, e.entry)],
          });
        } else seen.set(key, e.entry);
        if (e.vendor === 0x10de && !e.known) {
          out.push({ range, severity: 'info', code: 'NVG111', message: `10de:${hex4(e.device)} is not a device vfio-lens knows: no SKU, no layout facts for it` });
        }
        const unbound = e.known ? idTableFinding(e.known, kernel) : undefined;
        if (unbound) {
          out.push({ range, severity: unbound.severity, code: 'NVG011', message: unbound.message });
        } else if (e.known?.family === 'GB' && x.model.sourceGeneration === 'split-always') {
          out.push({ range, severity: 'warning', code: 'NVG012', message: `10de:${hex4(e.device)} is a Grace Blackwell GPU, but this driver always carves 1 GiB resmem (it never reads the MIG DVSEC bit): the GPU loses usable memory` });
        }
      }
      if (x.variantDriver && (e.form === 'device' || e.form === 'vdevice') && e.vendorText && e.deviceText) {
        const vendor = e.form === 'vdevice' ? `PCI_VENDOR_ID_${e.vendorText.trim()}` : e.vendorText.trim();
        const macro = e.entry.text.match(/PCI_V?DEVICE\s*\([^)]*\)/)?.[0];
        const replacement = `PCI_DRIVER_OVERRIDE_DEVICE_VFIO(${vendor}, ${e.deviceText.trim()})`;
        out.push({
          range,
          severity: 'warning',
          code: 'NVG112',
          message: `${e.form === 'vdevice' ? 'PCI_VDEVICE' : 'PCI_DEVICE'} lets this VFIO driver bind the device automatically, taking it from its host driver; VFIO variant drivers match only through driver_override`,
          ...(macro ? { fixes: [fix('Use PCI_DRIVER_OVERRIDE_DEVICE_VFIO', range, e.entry.text.replace(macro, replacement))] } : {}),
        });
      }
    }
    if (!t.terminated) {
      const last = t.table.entries[t.table.entries.length - 1];
      const comma = last && x.text({ start: last.end, end: last.end + 1 }) === ',';
      const at = last ? x.range({ start: last.end + (comma ? 1 : 0), end: last.end + (comma ? 1 : 0) }) : x.range(t.table.nameSpan);
      out.push({
        range: x.range(t.table.nameSpan),
        severity: 'error',
        code: 'NVG113',
        message: `${t.table.name} does not end with an empty {} entry: the PCI core reads past the array looking for it`,
        ...(last ? { fixes: [fix('Add the terminating {}', at, comma ? '\n\t{}' : ',\n\t{}')] } : {}),
      });
    }
  }
  return out;
}

/** Deletes an entry with its comma, and its whole line when it stands alone on it. */
function removeEntry(x: RuleInput, s: Span): TextFix {
  const r = x.range(s);
  const line = x.text({ start: s.start - r.start.character, end: s.end + 2 });
  const alone = line.slice(0, r.start.character).trim() === '' && /^,?\s*$/.test(line.slice(r.start.character + (s.end - s.start)).split('\n')[0]);
  if (alone) return fix('Remove the duplicate entry', { start: { line: r.start.line, character: 0 }, end: { line: r.end.line + 1, character: 0 } }, '');
  const after = x.text({ start: s.end, end: s.end + 1 }) === ',' ? 1 : 0;
  return fix('Remove the duplicate entry', x.range({ start: s.start, end: s.end + after }), '');
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

function acpiRules(x: RuleInput): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  for (const a of x.model.acpi) {
    if (a.known) continue;
    const best = ACPI_PROPERTY_FACTS.map((p) => ({ name: p.name, d: distance(p.name, a.str.value) })).sort((p, q) => p.d - q.d)[0];
    const close = best && best.d <= 3 ? best.name : undefined;
    const range = x.range(a.str);
    out.push({
      range,
      severity: 'warning',
      code: 'NVG114',
      message: `"${a.str.value}" is not a property the GPU firmware publishes: reading it fails (nvgrace-gpu then falls back to plain vfio-pci)${close ? ` (did you mean "${close}"?)` : ''}`,
      ...(close ? { fixes: [fix(`Use "${close}"`, range, `"${close}"`)] } : {}),
    });
  }
  return out;
}
