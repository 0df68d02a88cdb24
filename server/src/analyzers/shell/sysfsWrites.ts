// Writes a script makes to the PCI sysfs files that bind drivers:
// `echo X > /sys/…`, `echo X | sudo tee /sys/…`, `tee /sys/… <<< X`, and
// `driverctl set-override BDF DRIVER`. Nothing is run; text is decoded.
import type { Node } from 'web-tree-sitter';
import { MappedText, MappedTextBuilder } from '../qemu/text';
import { ShellCommand, program } from './commands';
import type { WordDecoder } from './words';

export type SysfsTarget =
  /** /sys/bus/pci/drivers/DRIVER/{bind,unbind,new_id,remove_id} */
  | { readonly kind: 'driver'; readonly driver: MappedText; readonly file: string }
  /** /sys/bus/pci/devices/DEVICE/driver_override */
  | { readonly kind: 'override'; readonly device: MappedText };

export interface SysfsWrite {
  /** What is written; undefined when unknown. */
  readonly content: MappedText | undefined;
  readonly target: SysfsTarget;
  /** The path as written (driverctl: its address argument). */
  readonly path: MappedText;
  /** The statement, for inserting a line before it. */
  readonly statement: Node;
}

const DRIVER_FILE = /^\/sys\/bus\/pci\/drivers\/([^/]+)\/(bind|unbind|new_id|remove_id)$/;
const OVERRIDE_FILE = /^\/sys\/bus\/pci\/devices\/([^/]+)\/driver_override$/;

export function classify(path: MappedText): SysfsTarget | undefined {
  const d = DRIVER_FILE.exec(path.text);
  if (d) {
    const start = '/sys/bus/pci/drivers/'.length;
    return { kind: 'driver', driver: path.slice(start, start + d[1].length), file: d[2] };
  }
  const o = OVERRIDE_FILE.exec(path.text);
  if (o) {
    const start = '/sys/bus/pci/devices/'.length;
    return { kind: 'override', device: path.slice(start, start + o[1].length) };
  }
  return undefined;
}

function joinArgs(words: readonly MappedText[]): MappedText | undefined {
  if (!words.length) return undefined;
  const b = new MappedTextBuilder(words[0].doc);
  words.forEach((w, i) => {
    if (i > 0) b.push(' ', words[i - 1].endOffset, w.startOffset, false);
    b.append(w);
  });
  return b.build(words[0].startOffset);
}

/** What `echo …` / `printf …` prints, when that is plain text. */
function printed(cmd: ShellCommand): MappedText | undefined {
  const p = program(cmd);
  if (!p) return undefined;
  let args = cmd.words.slice(p.index + 1);
  if (args.some((a) => a.opaque)) return undefined;
  if (p.name === 'echo') {
    while (args.length && /^-[neE]+$/.test(args[0].text.text)) args = args.slice(1);
    return joinArgs(args.map((a) => a.text));
  }
  if (p.name !== 'printf') return undefined;
  if (args.length >= 2 && /^%s(\\n)?$/.test(args[0].text.text)) return args[1].text;
  if (args.length !== 1 || args[0].text.text.includes('%')) return undefined;
  const t = args[0].text;
  return t.text.endsWith('\\n') ? t.slice(0, t.length - 2) : t;
}

/** The statement a command belongs to (the whole `echo | tee`, `a && b`). */
export function statementOf(n: Node): Node {
  let s = n;
  while (s.parent && ['redirected_statement', 'pipeline', 'list', 'negated_command'].includes(s.parent.type)) s = s.parent;
  return s;
}

/** The command feeding `cmd` through a pipe, if any. */
function upstream(cmd: ShellCommand, byStart: ReadonlyMap<number, ShellCommand>): ShellCommand | undefined {
  let n: Node = cmd.node;
  if (n.parent?.type === 'redirected_statement') n = n.parent;
  const pipe = n.parent;
  if (pipe?.type !== 'pipeline') return undefined;
  const parts = pipe.namedChildren.filter((c): c is Node => !!c);
  const i = parts.findIndex((c) => c.startIndex === n.startIndex);
  if (i <= 0) return undefined;
  const prev = parts[i - 1];
  const body = prev.type === 'redirected_statement' ? prev.childForFieldName('body') : prev;
  return body ? byStart.get(body.startIndex) : undefined;
}

/**
 * The redirects of each command that is the body of a redirected statement
 * (`echo x > f`), found from the statements down: asking every command for
 * its parent costs the tree's depth each time, quadratic in a deeply nested script.
 */
function redirectsByCommand(cmds: readonly ShellCommand[]): Map<number, Array<Node | null>> {
  const out = new Map<number, Array<Node | null>>();
  const root = cmds[0]?.node.tree.rootNode;
  for (const st of root?.descendantsOfType('redirected_statement') ?? []) {
    const body = st?.childForFieldName('body');
    if (st && body?.type === 'command') out.set(body.id, st.childrenForFieldName('redirect'));
  }
  return out;
}

export function sysfsWrites(cmds: readonly ShellCommand[], decoder: WordDecoder): SysfsWrite[] {
  const out: SysfsWrite[] = [];
  const byStart = new Map(cmds.map((c) => [c.node.startIndex, c] as const));
  const redirects = redirectsByCommand(cmds);
  const add = (content: MappedText | undefined, path: MappedText, cmd: ShellCommand) => {
    const target = classify(path);
    if (target) out.push({ content, target, path, statement: statementOf(cmd.node) });
  };
  for (const cmd of cmds) {
    for (const r of redirects.get(cmd.node.id) ?? []) {
      const dest = r?.type === 'file_redirect' && /^>>?$/.test(r.child(0)?.type ?? '') ? r.childForFieldName('destination') : null;
      if (dest) add(printed(cmd), decoder.text(dest), cmd);
    }
    const p = program(cmd);
    if (p?.name === 'tee') {
      const here = cmd.node.childrenForFieldName('redirect').find((r) => r?.type === 'herestring_redirect')?.namedChild(0);
      const from = upstream(cmd, byStart);
      const content = here ? decoder.text(here) : from ? printed(from) : undefined;
      for (const w of cmd.words.slice(p.index + 1)) if (!w.opaque && !w.text.text.startsWith('-')) add(content, w.text, cmd);
    }
    if (p?.name === 'driverctl') {
      const args = cmd.words.slice(p.index + 1).filter((w) => !w.text.text.startsWith('-'));
      if (args[0]?.text.text === 'set-override' && args[1] && args[2]) {
        out.push({ content: args[2].text, target: { kind: 'override', device: args[1].text }, path: args[1].text, statement: statementOf(cmd.node) });
      }
    }
  }
  return out;
}
