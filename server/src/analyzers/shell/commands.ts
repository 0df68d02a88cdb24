// Simple commands of a script as decoded words, and which of them start QEMU
// (directly, through a path, or behind sudo/exec/numactl/taskset/…).
import type { Node, Tree } from 'web-tree-sitter';
import type { ArgWord } from '../qemu/argv';
import { isQemuBinary } from '../qemu/options';
import type { ScriptVariables } from './variables';
import type { WordDecoder } from './words';

export interface ShellCommand {
  readonly node: Node;
  /** The command name followed by its arguments, decoded. */
  readonly words: readonly ArgWord[];
  /** The command name as written, and what the script assigns to it when it is `$VAR`. */
  readonly nameSource: string;
}

/** Commands that run the program named in their arguments. */
const WRAPPERS = new Set(['sudo', 'doas', 'exec', 'nohup', 'env', 'time', 'numactl', 'taskset', 'chrt', 'nice', 'ionice', 'stdbuf', 'setsid', 'systemd-run', 'command', 'runuser', 'unbuffer']);

export function commands(tree: Tree, decoder: WordDecoder, vars: ScriptVariables): ShellCommand[] {
  // descendantsOfType walks in WASM: much cheaper than visiting every node from JS.
  return tree.rootNode.descendantsOfType('command').flatMap((n) => {
    const name = n?.childForFieldName('name');
    if (!n || !name) return [];
    const words = [...decoder.words(name.namedChild(0) ?? name), ...n.childrenForFieldName('argument').flatMap((a) => (a ? decoder.words(a) : []))];
    const v = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(name.text);
    return [{ node: n, words, nameSource: v ? `${name.text} ${vars.assignedSource(v[1])}` : name.text }];
  });
}

function base(w: ArgWord | undefined): string | undefined {
  if (!w || w.opaque || !w.text.known) return undefined;
  return w.text.text.slice(w.text.text.lastIndexOf('/') + 1);
}

/** The QEMU argv (after the binary) when this command starts QEMU. */
export function qemuArgv(cmd: ShellCommand): readonly ArgWord[] | undefined {
  const [first] = cmd.words;
  if (first && !first.opaque && first.text.known && isQemuBinary(first.text.text)) return cmd.words.slice(1);
  // `$QEMU` set from `${QEMU:-qemu-system-aarch64}`: the binary is unknown, but the script means QEMU.
  if (first && !first.text.known && /\bqemu-(system-\w+|kvm)\b/.test(cmd.nameSource)) return cmd.words.slice(1);
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
