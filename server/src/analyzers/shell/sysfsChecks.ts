// Driver binding in scripts. The PCI driver is named after the module with
// underscores (KBUILD_MODNAME): /sys/bus/pci/drivers/nvgrace_gpu_vfio_pci; a
// hyphenated path does not exist. Its ID table matches only through
// driver_override, so a bind without it fails.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisContext, DiagnosticFact } from '../../analysis';
import { NVGRACE } from '../../model';
import { normalizeBdf } from '../../profiles/activeProfile';
import type { MappedText } from '../qemu/text';
import type { SysfsWrite } from './sysfsWrites';

const DRIVERS_DIR = /\/sys\/bus\/pci\/drivers\/([^/\s"']+)/g;

/** A driver name meant to be nvgrace's but spelled with hyphens. */
function hyphenated(name: string): boolean {
  return /nvgrace/i.test(name) && name.includes('-');
}

function hyphenFinding(t: MappedText, a: number, b: number, what: string): DiagnosticFact {
  const name = t.text.slice(a, b);
  const fixed = name.replace(/-/g, '_');
  const range = t.editableRange(a, b);
  return {
    range: t.range(a, b),
    severity: 'error',
    code: 'NVG013',
    message: `${what} "${name}" has hyphens: kernel driver names use underscores (KBUILD_MODNAME), so it is "${fixed}"${fixed === NVGRACE.PCI_DRIVER_NAME ? '' : ` (upstream: ${NVGRACE.PCI_DRIVER_NAME})`}`,
    ...(range ? { fixes: [{ title: `Use ${fixed}`, edits: [{ range, newText: fixed }], preferred: true }] } : {}),
  };
}

/** Every `/sys/bus/pci/drivers/<hyphenated nvgrace name>` in the given texts, once per place. */
export function hyphenatedPaths(texts: readonly MappedText[]): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  const seen = new Set<string>();
  for (const t of texts) {
    for (const m of t.text.matchAll(DRIVERS_DIR)) {
      const a = m.index! + m[0].length - m[1].length;
      const b = a + m[1].length;
      const s = t.span(a, b);
      if (!hyphenated(m[1]) || seen.has(`${s.start}:${s.end}`)) continue;
      seen.add(`${s.start}:${s.end}`);
      out.push(hyphenFinding(t, a, b, 'sysfs driver directory'));
    }
  }
  return out;
}

function sameDevice(a: MappedText, b: MappedText | undefined): boolean {
  if (!b) return true;
  if (!a.known || !b.known) {
    // Unknown on either side: the same written expression, or we cannot tell (assume it matches).
    return true;
  }
  return normalizeBdf(a.text) === normalizeBdf(b.text);
}

function isNvgrace(name: MappedText | undefined): boolean {
  return !name || !name.known || name.text.trim().replace(/-/g, '_') === NVGRACE.PCI_DRIVER_NAME;
}

function overrideFirstFix(doc: TextDocument, w: SysfsWrite): DiagnosticFact['fixes'] {
  if (!w.content) return [];
  const device = doc.getText().slice(w.content.startOffset, w.content.endOffset).trim();
  if (!device || /\s/.test(device)) return [];
  const line = w.statement.startPosition.row;
  const indent = /^[ \t]*/.exec(doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }))![0];
  const at = { line, character: 0 };
  return [{ title: 'Write driver_override first', edits: [{ range: { start: at, end: at }, newText: `${indent}echo ${NVGRACE.PCI_DRIVER_NAME} > /sys/bus/pci/devices/${device}/driver_override\n` }], preferred: true }];
}

export function bindingChecks(doc: TextDocument, writes: readonly SysfsWrite[], ctx: AnalysisContext): DiagnosticFact[] {
  const out: DiagnosticFact[] = [];
  writes.forEach((w, i) => {
    const t = w.target;
    if (t.kind === 'override' && w.content?.known) {
      const driver = w.content.text.trim();
      const a = w.content.text.indexOf(driver);
      if (hyphenated(driver)) out.push(hyphenFinding(w.content, a, a + driver.length, 'driver_override value'));
      const gpu = t.device.known ? ctx.profiles.findByBdf(t.device.text) : undefined;
      if (gpu && driver === 'vfio-pci') {
        const range = w.content.editableRange(a, a + driver.length);
        out.push({
          range: w.content.range(a, a + driver.length),
          severity: 'warning',
          code: 'NVG014',
          message: `${t.device.text} is ${gpu.name} (a Grace GPU): bound to plain vfio-pci the guest sees only its physical BARs, no device memory — use ${NVGRACE.PCI_DRIVER_NAME}`,
          ...(range ? { fixes: [{ title: `Use ${NVGRACE.PCI_DRIVER_NAME}`, edits: [{ range, newText: NVGRACE.PCI_DRIVER_NAME }] }] } : {}),
        });
      }
    }
    if (t.kind !== 'driver' || t.file !== 'bind' || !t.driver.known) return;
    if (t.driver.text === 'vfio-pci' && w.content?.known) {
      const gpu = ctx.profiles.findByBdf(w.content.text.trim());
      if (gpu) {
        out.push({ range: t.driver.range(), severity: 'warning', code: 'NVG014', message: `${w.content.text.trim()} is ${gpu.name} (a Grace GPU): bound to plain vfio-pci the guest sees only its physical BARs, no device memory — bind it to ${NVGRACE.PCI_DRIVER_NAME}` });
      }
    }
    if (t.driver.text.replace(/-/g, '_') !== NVGRACE.PCI_DRIVER_NAME) return;
    const overridden = writes.slice(0, i).some((o) => o.target.kind === 'override' && isNvgrace(o.content) && sameDevice(o.target.device, w.content));
    if (overridden) return;
    const device = w.content?.known ? w.content.text.trim() : 'the device';
    out.push({
      range: t.driver.range(),
      severity: 'warning',
      code: 'NVG250',
      message: `binding ${device} to ${NVGRACE.PCI_DRIVER_NAME} without writing driver_override first: the driver's ID table matches only through driver_override, so unless it is set elsewhere the kernel refuses this bind (ENODEV) — write ${NVGRACE.PCI_DRIVER_NAME} to /sys/bus/pci/devices/…/driver_override first`,
      fixes: overrideFirstFix(doc, w),
    });
  });
  return out;
}
