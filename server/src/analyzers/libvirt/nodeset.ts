// libvirt node sets: `2-9`, `0,2-4`, `1-8,^5`. Each node remembers the token
// it came from, so a finding about node 5 underlines `2-9` or `5`.
import { QEMU_NUMA } from '../../model';
import type { MappedText } from '../qemu/text';

export type NodeSet = { readonly ok: true; readonly nodes: ReadonlyArray<{ node: number; token: MappedText }> } | { readonly ok: false; readonly message: string; readonly token: MappedText };

export function parseNodeSet(t: MappedText): NodeSet {
  const nodes = new Map<number, MappedText>();
  let start = 0;
  for (let i = 0; i <= t.length; i++) {
    if (i < t.length && t.text[i] !== ',') continue;
    const token = t.slice(start, i);
    start = i + 1;
    const m = /^\s*(\^)?(\d+)(?:-(\d+))?\s*$/.exec(token.text);
    if (!m) return { ok: false, message: `"${token.text}" is not a node or a range such as 2-9`, token };
    const lo = Number(m[2]);
    const hi = m[3] === undefined ? lo : Number(m[3]);
    if (hi < lo) return { ok: false, message: `range ${token.text.trim()} runs backwards`, token };
    // Checked before expanding: a range up to 10^50 would never end.
    if (hi >= QEMU_NUMA.MAX_NODES) return { ok: false, message: `node ${m[3] ?? m[2]} is past QEMU's last NUMA node ${QEMU_NUMA.MAX_NODES - 1}`, token };
    for (let n = lo; n <= hi; n++) {
      if (m[1]) nodes.delete(n);
      else nodes.set(n, token);
    }
  }
  return { ok: true, nodes: [...nodes].sort((a, b) => a[0] - b[0]).map(([node, token]) => ({ node, token })) };
}
