// libvirt domain XML (only documents whose root element is <domain>): the
// same checks as a QEMU command line, located on the attributes, plus the
// hostdev's <driver model=…>.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { AnalysisContext, Analyzer, DiagnosticFact, DocumentAnalysis } from '../../analysis';
import { NVGRACE } from '../../model';
import { analyzeVm, argvProblems } from '../qemu/analyzeVm';
import { addWindowFix, commandlineArgv, commandlineOf, withCommandline } from './commandline';
import { DomainHostdev, domainVm } from './domain';
import { parseXml } from './xml';

/** The root element's name, skipping the prolog (declaration, comments, doctype, PIs). */
export function rootElementName(text: string): string | undefined {
  const m = /^(?:\uFEFF)?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z_][\w.:-]*)/.exec(text);
  return m?.[1];
}

/** saxes reports an error just past what it read: underline that tag, or the character. */
function errorRange(doc: TextDocument, offset: number): Range {
  const text = doc.getText();
  const tag = text.lastIndexOf('<', offset - 1);
  const start = tag >= 0 && text[offset - 1] === '>' && !text.slice(tag, offset).includes('\n') ? tag : Math.max(0, offset - 1);
  return { start: doc.positionAt(start), end: doc.positionAt(Math.max(offset, start + 1)) };
}

function modelChecks(h: DomainHostdev, ctx: AnalysisContext): DiagnosticFact[] {
  const model = h.model;
  if (!model) return [];
  const name = model.text;
  if (/nvgrace/i.test(name) && name.includes('-')) {
    const fixed = name.replace(/-/g, '_');
    const range = model.editableRange();
    return [{
      range: model.range(),
      severity: 'error',
      code: 'NVG013',
      message: `<driver model='${name}'>: kernel driver names use underscores (KBUILD_MODNAME); libvirt binds the driver named "${fixed}"${fixed === NVGRACE.PCI_DRIVER_NAME ? '' : ` (upstream: ${NVGRACE.PCI_DRIVER_NAME})`} and fails to find "${name}"`,
      ...(range ? { fixes: [{ title: `Use ${fixed}`, edits: [{ range, newText: fixed }], preferred: true }] } : {}),
    }];
  }
  const gpu = h.device.bdf ? ctx.profiles.findByBdf(h.device.bdf) : undefined;
  if (gpu && name === 'vfio-pci') {
    const range = model.editableRange();
    return [{
      range: model.range(),
      severity: 'warning',
      code: 'NVG014',
      message: `${h.device.bdf} is ${gpu.name} (a Grace GPU): with <driver model='vfio-pci'> the guest sees only its physical BARs, no device memory — use ${NVGRACE.PCI_DRIVER_NAME} (or leave model out: libvirt ≥ 10.0 picks the variant driver from modules.alias)`,
      ...(range ? { fixes: [{ title: `Use ${NVGRACE.PCI_DRIVER_NAME}`, edits: [{ range, newText: NVGRACE.PCI_DRIVER_NAME }] }] } : {}),
    }];
  }
  return [];
}

export class LibvirtAnalyzer implements Analyzer {
  readonly id = 'libvirt';

  accepts(doc: TextDocument): boolean {
    const xml = doc.languageId === 'xml' || /\.xml$/i.test(doc.uri);
    return xml && rootElementName(doc.getText().slice(0, 4096)) === 'domain';
  }

  analyze(doc: TextDocument, ctx: AnalysisContext): DocumentAnalysis {
    const parsed = parseXml(doc);
    const diagnostics: DiagnosticFact[] = [];
    const empty = { uri: doc.uri, version: doc.version, analyzer: this.id, inlayHints: [], codeLenses: [] };
    const first = parsed.errors[0];
    if (first) diagnostics.push({ range: errorRange(doc, first.offset), severity: 'error', code: 'NVG256', message: `not well-formed XML: ${first.message} — libvirt refuses the domain` });
    const root = parsed.root;
    if (!root || root.local !== 'domain') return { ...empty, diagnostics, hovers: [] };
    const d = domainVm(doc, root);
    const argv = commandlineArgv(commandlineOf(root));
    const merged = withCommandline(d.vm, argv);
    const vm = merged.machine && !merged.machine.window
      ? { ...merged, machine: { ...merged.machine, addWindow: (size: bigint) => addWindowFix(doc, root, size) } }
      : merged;
    const result = analyzeVm(vm, ctx);
    diagnostics.push(...d.problems, ...(argv ? argvProblems(argv) : []), ...d.hostdevs.flatMap((h) => modelChecks(h, ctx)), ...result.diagnostics);
    return { ...empty, diagnostics, hovers: result.hovers };
  }
}
