// <qemu:commandline>: arguments libvirt appends to the QEMU command line
// it builds. Read as a QEMU argv (each <qemu:arg value=…> is one word) and
// laid over the domain: a later -machine highmem-mmio-size wins, extra
// -numa nodes, devices and generic initiators join the domain's.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextFix } from '../../analysis';
import { QemuArgv, parseArgv } from '../qemu/argv';
import type { VmConfig } from '../qemu/config';
import { vmFromArgv } from '../qemu/fromArgv';
import { formatQemuSize } from '../qemu/size';
import { XmlElement, attr } from './xml';

export const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

export function commandlineOf(root: XmlElement): XmlElement | undefined {
  return root.children.find((c) => c.local === 'commandline' && c.uri === QEMU_NS);
}

export function commandlineArgv(cmdline: XmlElement | undefined): QemuArgv | undefined {
  if (!cmdline) return undefined;
  const words = cmdline.children.filter((c) => c.local === 'arg' && c.uri === QEMU_NS).flatMap((c) => {
    const v = attr(c, 'value');
    return v ? [{ text: v.value }] : [];
  });
  return parseArgv(words);
}

/** The domain with the command-line arguments applied on top. */
export function withCommandline(vm: VmConfig, argv: QemuArgv | undefined): VmConfig {
  if (!argv) return vm;
  const extra = vmFromArgv(argv, vm.numa.length);
  const m = vm.machine;
  const e = extra.machine;
  const machine = m && {
    ...m,
    ...(e?.type !== undefined ? { type: e.type, typeText: e.typeText } : {}),
    ...(e?.window ? { window: e.window } : {}),
    ...(e?.highWindowOff ? { highWindowOff: e.highWindowOff } : {}),
  };
  return {
    ...(machine ? { machine } : extra.machine ? { machine: extra.machine } : {}),
    numa: [...vm.numa, ...extra.numa],
    devices: [...vm.devices, ...extra.devices],
    deviceIds: new Map([...vm.deviceIds, ...extra.deviceIds]),
    initiators: [...vm.initiators, ...extra.initiators],
    complete: vm.complete && extra.complete,
  };
}

/**
 * A fix that gives the window a size through <qemu:commandline> (upstream
 * libvirt has no element for highmem-mmio-size): adds the two arguments, the
 * element and the qemu namespace as needed.
 */
export function addWindowFix(doc: TextDocument, root: XmlElement, size: bigint): TextFix {
  const text = doc.getText();
  const value = `highmem-mmio-size=${formatQemuSize(size)}`;
  const edits: TextFix['edits'][number][] = [];
  const cmdline = commandlineOf(root);
  const pos = (offset: number) => doc.positionAt(offset);
  const lineIndent = (offset: number) => /[ \t]*$/.exec(text.slice(0, offset))![0];
  if (cmdline && cmdline.end > cmdline.startTagEnd) {
    const close = text.lastIndexOf('</', cmdline.end);
    const indent = lineIndent(close);
    const prefix = cmdline.name.split(':')[0];
    edits.push({ range: { start: pos(close), end: pos(close) }, newText: `  <${prefix}:arg value='-machine'/>\n${indent}  <${prefix}:arg value='${value}'/>\n${indent}` });
  } else {
    const close = text.lastIndexOf('</', root.end);
    const outer = lineIndent(close);
    const inner = outer + '  ';
    if (!root.attributes.some((a) => a.value.text === QEMU_NS)) {
      const at = root.startTagEnd - 1; // just before the start tag's `>`
      edits.push({ range: { start: pos(at), end: pos(at) }, newText: ` xmlns:qemu='${QEMU_NS}'` });
    }
    const lines = ['  <qemu:commandline>', `${inner}  <qemu:arg value='-machine'/>`, `${inner}  <qemu:arg value='${value}'/>`, `${inner}</qemu:commandline>`, outer];
    edits.push({ range: { start: pos(close), end: pos(close) }, newText: lines.join('\n') });
  }
  return { title: `Add -machine ${value} through <qemu:commandline>`, edits, preferred: true };
}
