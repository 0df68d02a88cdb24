// ACPI source (`.asl`, `.dsl`, e.g. a DSDT disassembled by iasl): the GPU
// memory properties of every `_DSD`, checked as the driver reads them, and the
// layout they produce as a hover on the device.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { AnalysisContext, Analyzer, DiagnosticFact, DocumentAnalysis, HoverFact, InlayHintFact } from '../../analysis';
import { ACPI_PROPERTIES, U64_MAX, hex, human } from '../../model';
import { layoutFindings } from '../layoutFindings';
import { layoutMarkdown } from '../layoutMarkdown';
import { DsdDevice, DsdProperty } from './aslDsd';
import { AslDocument, readAslDocument } from './aslDocument';
import { DeviceMemory, chooseAssumptions, effectiveValue, otherMigLine } from './dsdLayout';

function range(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

const valueRange = (doc: TextDocument, p: DsdProperty) => range(doc, p.valueStart, p.valueEnd);

export class AslAnalyzer implements Analyzer {
  readonly id = 'asl';
  private readonly docs = new Map<string, AslDocument>();

  accepts(doc: TextDocument): boolean {
    return doc.languageId === 'asl' || /\.(asl|dsl)$/i.test(doc.uri);
  }

  didClose(uri: string): void {
    this.docs.delete(uri);
  }

  private read(doc: TextDocument): AslDocument {
    const text = doc.getText();
    const hit = this.docs.get(doc.uri);
    if (hit && hit.text === text) return hit;
    const d = readAslDocument(text);
    this.docs.set(doc.uri, d);
    return d;
  }

  analyze(doc: TextDocument, ctx: AnalysisContext): DocumentAnalysis {
    const a = this.read(doc);
    const diagnostics: DiagnosticFact[] = a.errors.map((e) => ({ range: range(doc, e.start, e.end), severity: 'error', code: 'NVG204', message: `ASL: ${e.message}` }));
    const hovers: HoverFact[] = [];
    const inlayHints: InlayHintFact[] = [];
    const rev = a.table.revision;
    const width32 = rev !== undefined && rev.value < 2n;
    if (rev) {
      hovers.push({
        range: range(doc, rev.term.start, rev.term.end),
        markdown: () =>
          `**Compliance revision ${rev.value}**: ASL Integers are ${width32 ? '32' : '64'}-bit in this table${width32 ? ' — values above 0xFFFFFFFF are truncated, so a GPU memory base (≈2^46) cannot be written here; use revision 2' : ''}.`,
      });
    }
    for (const d of a.table.devices) this.device(doc, d, width32, rev !== undefined, ctx, diagnostics, hovers, inlayHints);
    return { uri: doc.uri, version: doc.version, analyzer: this.id, diagnostics, hovers, inlayHints, codeLenses: [] };
  }

  private device(
    doc: TextDocument,
    d: DsdDevice,
    width32: boolean,
    hasDefinitionBlock: boolean,
    ctx: AnalysisContext,
    diagnostics: DiagnosticFact[],
    hovers: HoverFact[],
    inlayHints: InlayHintFact[],
  ): void {
    const ours = d.properties.filter((p) => p.key.text === ACPI_PROPERTIES.MEM_BASE || p.key.text === ACPI_PROPERTIES.MEM_SIZE);
    if (!ours.length) return;
    const standard = ours.filter((p) => p.uuid === ACPI_PROPERTIES.DSD_UUID);
    for (const p of ours) {
      if (p.uuid !== ACPI_PROPERTIES.DSD_UUID) {
        diagnostics.push({
          range: range(doc, p.key.start, p.key.end),
          severity: 'error',
          code: 'NVG202',
          message: `"${p.key.text}" is in a package under UUID ${p.uuid || '(not a ToUUID)'}, not the device-properties UUID ${ACPI_PROPERTIES.DSD_UUID}: the driver does not see it`,
        });
      }
    }
    const first = (key: string) => standard.find((p) => p.key.text === key);
    for (const p of standard) {
      if (first(p.key.text) !== p) {
        diagnostics.push({ range: range(doc, p.key.start, p.key.end), severity: 'warning', code: 'NVG203', message: `"${p.key.text}" appears twice in this _DSD: the kernel's property lookup finds the first one` });
      }
    }
    const base = first(ACPI_PROPERTIES.MEM_BASE);
    const size = first(ACPI_PROPERTIES.MEM_SIZE);
    if (!base || !size) {
      const present = base ?? size;
      const missing = base ? ACPI_PROPERTIES.MEM_SIZE : ACPI_PROPERTIES.MEM_BASE;
      if (present) {
        diagnostics.push({
          range: range(doc, present.key.start, present.key.end),
          severity: 'error',
          code: 'NVG001',
          message: `"${missing}" is missing from this _DSD: the driver's property read fails and it falls back to plain vfio-pci ops — no fake BARs, no device memory for the VM`,
        });
      }
    }

    // Each value as the kernel reads it: an Integer of the table's width, or a failed read.
    const mem: Partial<Record<'memphys' | 'memlength', DeviceMemory>> = {};
    let truncated = false;
    for (const [field, p] of [['memphys', base], ['memlength', size]] as const) {
      if (!p) continue;
      const v = p.value;
      if (v.kind === 'not-integer') {
        diagnostics.push({ range: valueRange(doc, p), severity: 'error', code: 'NVG200', message: `"${p.key.text}" is ${v.what}, not an Integer: the driver's u64 property read fails and it falls back to plain vfio-pci ops — no fake BARs` });
        continue;
      }
      if (v.kind === 'unknown') continue;
      if (v.value > U64_MAX) {
        diagnostics.push({ range: valueRange(doc, p), severity: 'error', code: 'NVG201', message: `${hex(v.value)} does not fit in 64 bits: ASL Integers are at most 0xFFFFFFFFFFFFFFFF` });
        continue;
      }
      const e = effectiveValue(v, width32);
      if (e.truncated) truncated = true;
      mem[field] = { value: e.value, property: p, written: v.value, truncated: e.truncated };
    }

    if (mem.memphys && mem.memlength) {
      const chosen = chooseAssumptions(mem.memphys.value, mem.memlength.value, ctx);
      const l = chosen.layout;
      for (const m of [mem.memphys, mem.memlength]) {
        if (!m.truncated) continue;
        const effect = !l.ok
          ? l.error === 'ENOMEM'
            ? ': with the truncated values the size reads 0, so the driver falls back to plain vfio-pci — no fake BARs'
            : `: with the truncated values probe fails (${l.error})`
          : ': the driver maps the wrong memory range';
        diagnostics.push({
          range: valueRange(doc, m.property),
          severity: 'error',
          code: 'NVG028',
          message: `this table's DefinitionBlock has compliance revision < 2, so ASL Integers are 32-bit: ${hex(m.written)} is truncated to ${hex(m.value)}${effect}`,
        });
      }
      // Consequences of a truncated value belong to NVG028, not to the layout rules.
      if (!truncated) {
        for (const f of layoutFindings(l, chosen.pageSize)) {
          diagnostics.push({ range: valueRange(doc, mem[f.field]!.property), severity: f.severity, code: f.code, message: f.message });
        }
      }
      const notes = [
        `_DSD of \`${d.path}\`: ${hasDefinitionBlock ? (width32 ? 'compliance revision < 2, 32-bit Integers (values truncated)' : '64-bit Integers (compliance revision ≥ 2)') : 'no DefinitionBlock in this file: 64-bit Integers assumed'}.`,
        otherMigLine(mem.memphys.value, mem.memlength.value, chosen),
      ].filter((x): x is string => !!x);
      const md = () => layoutMarkdown({ title: d.path, layout: l, pageSize: chosen.pageSize, migSource: chosen.why, notes });
      const header = d.device ?? d.dsd;
      hovers.push({ range: range(doc, header.start, header.args?.close?.end ?? header.name!.end), markdown: md });
      if (d.dsd !== header) hovers.push({ range: range(doc, d.dsd.start, d.dsd.args?.items[0]?.[0]?.end ?? d.dsd.name!.end), markdown: md });
      for (const m of [mem.memphys, mem.memlength]) {
        hovers.push({ range: range(doc, m.property.entry.start, m.property.entry.end), markdown: () => `${propertyLine(m)}\n\n---\n\n${md()}` });
      }
      if (mem.memlength.value > 0n) inlayHints.push({ position: doc.positionAt(mem.memlength.property.valueEnd), label: human(mem.memlength.value) });
    }
  }
}

function propertyLine(m: DeviceMemory): string {
  const p = m.property;
  const what = p.key.text === ACPI_PROPERTIES.MEM_BASE ? 'host physical base of the GPU memory (usemem starts here)' : 'bytes of GPU memory';
  const via = p.value.kind === 'integer' && p.value.via ? ` (through \`${p.value.via}\`)` : '';
  const trunc = m.truncated ? ` — written \`${hex(m.written)}\`, truncated to 32 bits` : '';
  return `\`${p.key.text}\`: ${what} = \`${hex(m.value)}\` (${human(m.value)})${via}${trunc}`;
}
