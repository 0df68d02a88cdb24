// The JSON form of `-device`/`-object` (what libvirt writes into .args):
// `{"driver":"vfio-pci","host":"0000:06:12.1","id":"hostdev0"}`. Read into the
// same items as the key=value form, each value mapped to its source.
import { Node, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Keyval, KeyvalItem } from './keyval';
import { MappedText, MappedTextBuilder } from './text';

export type JsonArg = { readonly ok: true; readonly props: Keyval } | { readonly ok: false; readonly message: string; readonly at: number };

/** A JSON string's characters map one to one when it has no escapes; else the whole string maps to its source. */
function stringValue(t: MappedText, node: Node): MappedText {
  const raw = t.text.slice(node.offset + 1, node.offset + node.length - 1);
  const value = String(node.value);
  if (raw === value) return t.slice(node.offset + 1, node.offset + node.length - 1);
  const whole = t.span(node.offset, node.offset + node.length);
  const b = new MappedTextBuilder(t.doc);
  for (const ch of value) b.push(ch, whole.start, whole.end, false);
  return b.build(whole.start);
}

export function parseJsonArg(t: MappedText): JsonArg {
  const errors: ParseError[] = [];
  const root = parseTree(t.text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !root) {
    const e = errors[0];
    return { ok: false, message: e ? printParseErrorCode(e.error) : 'empty', at: e?.offset ?? 0 };
  }
  if (root.type !== 'object') return { ok: false, message: 'expected a JSON object', at: 0 };
  const items: KeyvalItem[] = [];
  for (const prop of root.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const value = v.type === 'string' ? stringValue(t, v) : t.slice(v.offset, v.offset + v.length);
    items.push({ key: String(k.value), keyText: t.slice(k.offset + 1, k.offset + k.length - 1), value, item: t.slice(prop.offset, prop.offset + prop.length) });
  }
  return { ok: true, props: { items, complete: true } };
}
