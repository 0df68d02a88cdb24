// Device profiles (`.vfio-lens.json`, `NAME.vfio-lens.json`): schema checks
// on exact ranges, each device's layout as a hover, the driver's verdict on
// the field that causes it, and the devices themselves for the workspace.
import type { Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { AnalysisContext, Analyzer, DiagnosticFact, DocumentAnalysis, HoverFact, InlayHintFact, ProfileContributor } from '../../analysis';
import { isProfileFileName } from '../../languages';
import { NVGRACE_DEVICE_IDS, hex, human, idTableFinding, kernelLabel, parseKernel, readinessText, readinessTimeoutIgnored } from '../../model';
import type { ResolvedDevice } from '../../profiles/activeProfile';
import { layoutFindings, LayoutField } from '../layoutFindings';
import { layoutMarkdown } from '../layoutMarkdown';
import { keyNode, nodeRange, rangeOf, valueAt } from './jsonLocations';
import { ProfileFileModel, ResolvedEntry, readProfileFile, resolveEntries } from './profileFile';
import { schemaDiagnostics, syntaxDiagnostics } from './schemaDiagnostics';

/** The value node of a device's field, if the device writes it. */
function fieldValue(device: Node, key: string): Node | undefined {
  return keyNode(device, key)?.parent?.children?.[1];
}

/** Where a device's problem with `field` goes: the field, else what supplied it (the SKU), else the name. */
function fieldRange(doc: TextDocument, device: Node, field: string): Range {
  const n = fieldValue(device, field) ?? fieldValue(device, 'sku') ?? fieldValue(device, 'name');
  return n ? nodeRange(doc, n) : rangeOf(doc, device.offset, 1);
}

function migSource(d: ResolvedDevice, written: boolean): string {
  if (written) return '"migHwBug" in the profile';
  if (d.preset) return `from the SKU ${d.preset.id}`;
  return 'not given: assumed present, as on Grace Hopper';
}

export class ProfileAnalyzer implements Analyzer, ProfileContributor {
  readonly id = 'profile';
  private readonly models = new Map<string, ProfileFileModel>();

  accepts(doc: TextDocument): boolean {
    return (doc.languageId === 'json' || doc.languageId === 'jsonc') && isProfileFileName(doc.uri);
  }

  /** Parsed once per text: analyze() and contributeDevices() share it. */
  private model(doc: TextDocument): ProfileFileModel {
    const text = doc.getText();
    const hit = this.models.get(doc.uri);
    if (hit && hit.text === text) return hit;
    const m = readProfileFile(text);
    this.models.set(doc.uri, m);
    return m;
  }

  didClose(uri: string): void {
    this.models.delete(uri);
  }

  contributeDevices(doc: TextDocument, ctx: AnalysisContext): ResolvedDevice[] {
    return resolveEntries(this.model(doc), doc.uri, ctx.settings).flatMap((r) => (r.result.ok ? [r.result.device] : []));
  }

  analyze(doc: TextDocument, ctx: AnalysisContext): DocumentAnalysis {
    const m = this.model(doc);
    const diagnostics: DiagnosticFact[] = syntaxDiagnostics(doc, m);
    if (m.json.root) diagnostics.push(...schemaDiagnostics(doc, m));
    const hovers: HoverFact[] = [];
    const inlayHints: InlayHintFact[] = [];
    const resolved = resolveEntries(m, doc.uri, ctx.settings);
    for (const r of resolved) this.device(doc, r, ctx, diagnostics, hovers);
    diagnostics.push(...this.duplicates(doc, resolved));
    for (const e of m.devices) inlayHints.push(...this.sizeHints(doc, e.node));
    for (const k of [valueAt(m.json.root, ['kernel']), ...m.devices.map((e) => fieldValue(e.node, 'kernel'))]) {
      if (k?.type !== 'string') continue;
      hovers.push(this.kernelHover(doc, k));
      const parsed = parseKernel(String(k.value));
      if (parsed.ok && readinessTimeoutIgnored(parsed.kernel)) {
        diagnostics.push({ range: nodeRange(doc, k), severity: 'info', code: 'NVG020', message: readinessText(parsed.kernel)! });
      }
    }
    return { uri: doc.uri, version: doc.version, analyzer: this.id, diagnostics, hovers, inlayHints, codeLenses: [] };
  }

  private device(doc: TextDocument, r: ResolvedEntry, ctx: AnalysisContext, diagnostics: DiagnosticFact[], hovers: HoverFact[]): void {
    const { node, profile } = r.entry;
    if (!r.result.ok) {
      diagnostics.push({ range: fieldRange(doc, node, r.result.field), severity: 'error', code: 'NVG153', message: r.result.message });
      return;
    }
    const d = r.result.device;
    const fromPreset = (f: LayoutField) => profile[f] === undefined && d.preset !== undefined;
    for (const f of layoutFindings(d.layout, d.pageSize)) {
      const typical = fromPreset(f.field) ? ` (with the typical ${f.field} of SKU ${d.preset!.id})` : '';
      diagnostics.push({ range: fieldRange(doc, node, f.field), severity: f.severity, code: f.code, message: f.message + typical });
    }
    this.kernelChecks(doc, r, d, diagnostics);

    const active = ctx.profile.source === doc.uri && ctx.profile.name === d.name;
    const notes: string[] = [];
    if (d.bdf) notes.push(`Host PCI address \`${d.bdf}\`.`);
    if (d.preset && (profile.memphys === undefined || profile.memlength === undefined)) {
      notes.push(`Typical values of the SKU preset ${d.preset.label} (${d.preset.note}); your host's _DSD is authoritative — copy \`nvidia,gpu-mem-base-pa\`/\`nvidia,gpu-mem-size\` into memphys/memlength.`);
    }
    notes.push(active ? 'This is the **active device**: other files are checked against it.' : 'Not the active device.');
    hovers.push({
      range: nodeRange(doc, node),
      markdown: () => layoutMarkdown({ title: d.name, layout: d.layout, pageSize: d.pageSize, migSource: migSource(d, profile.migHwBug !== undefined), notes }),
    });
    const sku = fieldValue(node, 'sku');
    if (sku && d.preset) {
      const p = d.preset;
      hovers.push({
        range: nodeRange(doc, sku),
        markdown: () =>
          `**${p.label}** (SKU preset \`${p.id}\`, PCI device 10de:${p.deviceId.toString(16)})\n\nTypical values, not your host's: base \`${hex(p.memphys)}\`, size \`${hex(p.memlength)}\` (${human(p.memlength)}), MIG hardware bug ${p.migHwBug ? 'present' : 'absent'}. ${p.note}.`,
      });
    }
  }

  /** NVG011: a SKU the chosen kernel's ID table lacks; NVG012: a no-MIG-bug device on a kernel that always splits. */
  private kernelChecks(doc: TextDocument, r: ResolvedEntry, d: ResolvedDevice, diagnostics: DiagnosticFact[]): void {
    const { node } = r.entry;
    const id = d.preset ? NVGRACE_DEVICE_IDS.find((e) => e.device === d.preset!.deviceId) : undefined;
    const unbound = id ? idTableFinding(id, d.kernel) : undefined;
    if (unbound) {
      // The first "sku" key may lack a value while a later duplicate supplied it: fall back to the device.
      const where = fieldValue(node, 'kernel') ?? fieldValue(node, 'sku') ?? fieldValue(node, 'name');
      diagnostics.push({
        range: where ? nodeRange(doc, where) : rangeOf(doc, node.offset, 1),
        severity: unbound.severity,
        code: 'NVG011',
        message: unbound.message,
      });
      return;
    }
    if (!d.migHwBug && d.kernel.generation === 'split-always') {
      const where = fieldValue(node, 'migHwBug') ?? fieldValue(node, 'kernel') ?? fieldValue(node, 'sku') ?? fieldValue(node, 'name');
      diagnostics.push({
        range: where ? nodeRange(doc, where) : rangeOf(doc, node.offset, 1),
        severity: 'warning',
        code: 'NVG012',
        message: `kernel ${d.kernel.version} predates the MIG-bug check (6.14): it carves the 1 GiB resmem from a device without the bug too`,
      });
    }
  }

  private duplicates(doc: TextDocument, resolved: readonly ResolvedEntry[]): DiagnosticFact[] {
    const out: DiagnosticFact[] = [];
    for (const [field, code] of [['name', 'NVG154'], ['bdf', 'NVG155']] as const) {
      const first = new Map<string, Node>();
      for (const r of resolved) {
        const raw = r.result.ok ? (field === 'name' ? r.result.device.name : r.result.device.bdf) : undefined;
        const n = fieldValue(r.entry.node, field);
        if (raw === undefined || !n) continue;
        const seen = first.get(raw);
        if (!seen) first.set(raw, n);
        else
          out.push({
            range: nodeRange(doc, n),
            severity: 'warning',
            code,
            message: field === 'name' ? `another device is already named "${raw}": pickers and settings find the first one` : `another device already has the PCI address ${raw}: lookups by address find the first one`,
            related: [{ uri: doc.uri, range: nodeRange(doc, seen), message: 'first declared here' }],
          });
      }
    }
    return out;
  }

  /** `"0x1800000000"` gets ` 96 GiB` after it; sizes already written with a unit get nothing. */
  private sizeHints(doc: TextDocument, device: Node): InlayHintFact[] {
    const out: InlayHintFact[] = [];
    // Only the size: a base in TiB tells nobody anything.
    for (const f of ['memlength']) {
      const n = fieldValue(device, f);
      if (!n) continue;
      const text = typeof n.value === 'string' ? n.value.trim().replace(/_/g, '') : typeof n.value === 'number' ? String(n.value) : '';
      if (!/^(0[xX][0-9a-fA-F]+|\d+)$/.test(text)) continue;
      const v = BigInt(text);
      if (v === 0n) continue;
      out.push({ position: doc.positionAt(n.offset + n.length), label: human(v) });
    }
    return out;
  }

  private kernelHover(doc: TextDocument, n: Node): HoverFact {
    return {
      range: nodeRange(doc, n),
      markdown: () => {
        const k = parseKernel(String(n.value));
        if (!k.ok) return '';
        const readiness = readinessText(k.kernel);
        return `**Kernel ${kernelLabel(k.kernel)}**\n\n${GENERATION_TEXT[k.kernel.generation]}${readiness ? `\n\nReadiness: ${readiness}.` : ''}`;
      },
    };
  }
}

const GENERATION_TEXT = {
  'split-always': 'nvgrace-gpu always carves a 1 GiB resmem (BAR2) and sizes the usemem BAR (BAR4) after rounding it down to 512 MiB.',
  'mig-aware': 'nvgrace-gpu carves the 1 GiB resmem (BAR2) only when the MIG hardware bug is present (Grace Hopper), and sizes the usemem BAR (BAR4) before the 512 MiB round-down.',
} as const;

