// QEMU's `key=value,key=value` option syntax (QemuOpts / keyval): `,,` is a
// literal comma; a first item without `=` is the option's implied key
// (`-device vfio-pci,…` → driver=vfio-pci); a later bare `flag` means
// flag=on. Values keep their source mapping.
import { MappedText, MappedTextBuilder } from './text';

export interface KeyvalItem {
  readonly key: string;
  /** The key as written; absent for the implied first item. */
  readonly keyText?: MappedText;
  readonly value: MappedText;
  /** The whole `key=value` item as written. */
  readonly item: MappedText;
}

export interface Keyval {
  readonly items: readonly KeyvalItem[];
  /**
   * False when part of the text is unknown in a way that could hide items
   * (`vfio-pci,$MORE`): checks that need to see every property stay silent.
   */
  readonly complete: boolean;
}

/** Splits at single commas; `,,` stays in the item as an escaped comma. */
function splitItems(t: MappedText): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  let i = 0;
  while (i < t.length) {
    if (t.text[i] === ',') {
      if (t.text[i + 1] === ',') {
        i += 2;
        continue;
      }
      out.push({ start, end: i });
      start = i + 1;
    }
    i++;
  }
  out.push({ start, end: t.length });
  return out;
}

/** Collapses `,,` to `,` (the decoded character keeps the first comma's span). */
function unescape(t: MappedText): MappedText {
  if (!t.text.includes(',,')) return t;
  const b = new MappedTextBuilder(t.doc);
  for (let i = 0; i < t.length; i++) {
    const s = t.spanAt(i);
    b.push(t.text[i], s.start, s.end, t.isLiteral(i) && !(t.text[i] === ',' && t.text[i + 1] === ','));
    if (t.text[i] === ',' && t.text[i + 1] === ',') i++;
  }
  return b.build(t.startOffset);
}

export function parseKeyval(t: MappedText, impliedKey: string | undefined): Keyval {
  const items: KeyvalItem[] = [];
  let complete = true;
  const parts = splitItems(t);
  parts.forEach(({ start, end }, index) => {
    const item = t.slice(start, end);
    if (item.length === 0) return;
    const eq = item.text.indexOf('=');
    if (eq < 0) {
      if (!item.known) {
        complete = false;
        return;
      }
      if (index === 0 && impliedKey) items.push({ key: impliedKey, value: unescape(item), item });
      else items.push({ key: item.text, keyText: item, value: item.slice(item.length), item });
      return;
    }
    const keyText = item.slice(0, eq);
    if (!keyText.known) {
      complete = false;
      return;
    }
    items.push({ key: keyText.text, keyText, value: unescape(item.slice(eq + 1)), item });
  });
  return { items, complete };
}

/** The last value given for `key` (QEMU keeps the last), or undefined. */
export function lastValue(kv: Keyval, key: string): KeyvalItem | undefined {
  for (let i = kv.items.length - 1; i >= 0; i--) if (kv.items[i].key === key) return kv.items[i];
  return undefined;
}
