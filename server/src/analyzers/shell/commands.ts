// Simple commands of a script as decoded words, and which of them start QEMU
// (directly, through a path, or behind sudo/exec/numactl/taskset/…).
import type { Node, Tree } from 'web-tree-sitter';
import type { ArgWord } from '../qemu/argv';
import { isQemuBinary } from '../qemu/options';
import type { WordDecoder } from './words';

export interface ShellCommand {
  readonly node: Node;
  /** The command name followed by its arguments, decoded. */
  readonly words: readonly ArgWord[];
}

/** Commands that run the program named in their arguments. */
const WRAPPERS = new Set(['sudo', 'doas', 'exec', 'nohup', 'env', 'time', 'numactl', 'taskset', 'chrt', 'nice', 'ionice', 'stdbuf', 'setsid', 'systemd-run', 'command', 'runuser', 'unbuffer']);

export function commands(tree: Tree, decoder: WordDecoder): ShellCommand[] {
  const out: ShellCommand[] = [];
  const stack: Node[] = [tree.rootNode];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'command') {
      const name = n.childForFieldName('name');
      if (name) {
        const words = [...decoder.words(name.namedChild(0) ?? name), ...n.childrenForFieldName('argument').flatMap((a) => (a ? decoder.words(a) : []))];
        out.push({ node: n, words });
      }
    }
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return out;
}

function base(w: ArgWord | undefined): string | undefined {
  if (!w || w.opaque || !w.text.known) return undefined;
  return w.text.text.slice(w.text.text.lastIndexOf('/') + 1);
}

/** The QEMU argv (after the binary) when this command starts QEMU. */
export function qemuArgv(cmd: ShellCommand): readonly ArgWord[] | undefined {
  const [first] = cmd.words;
  if (first && !first.opaque && first.text.known && isQemuBinary(first.text.text)) return cmd.words.slice(1);
  const name = base(first);
  if (!name || !WRAPPERS.has(name)) return undefined;
  const at = cmd.words.findIndex((w, i) => i > 0 && !w.opaque && w.text.known && isQemuBinary(w.text.text));
  return at > 0 ? cmd.words.slice(at + 1) : undefined;
}

/** The word after wrappers (`sudo tee` → tee), with its index. */
export function program(cmd: ShellCommand): { name: string; index: number } | undefined {
  for (let i = 0; i < cmd.words.length; i++) {
    const name = base(cmd.words[i]);
    if (name === undefined) return undefined;
    if (!WRAPPERS.has(name)) return { name, index: i };
    // Skip the wrapper's own options (`sudo -E`, `nice -n 5`) — naive but enough for tee/echo.
    while (i + 1 < cmd.words.length && cmd.words[i + 1].text.text.startsWith('-')) i++;
  }
  return undefined;
}
