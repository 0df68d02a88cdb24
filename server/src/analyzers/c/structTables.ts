// Initialised struct declarations — `vfio_device_ops` tables with their
// designated callbacks, `pci_device_id` arrays with their entries — as
// plain data with document offsets.
import type { Node } from 'web-tree-sitter';
import { declaredName, namedKids, span, text } from './nodes';
import type { Span, TextSpan } from './scan';

export interface InitField extends Span {
  readonly field: string;
  readonly fieldSpan: Span;
  readonly value: TextSpan;
}

export interface TableEntry extends Span {
  readonly text: string;
  /** `PCI_DEVICE(...)`-style entries: the macro and its arguments. */
  readonly macro?: { readonly name: string; readonly nameSpan: Span; readonly args: readonly TextSpan[] };
  /** `{ .vendor = …, .device = … }` entries. */
  readonly fields?: readonly InitField[];
  readonly empty: boolean;
}

export interface StructTable extends Span {
  /** `vfio_device_ops`, `pci_device_id`, … */
  readonly struct: string;
  readonly name: string;
  readonly nameSpan: Span;
  readonly isArray: boolean;
  readonly fields: readonly InitField[];
  readonly entries: readonly TableEntry[];
}

function initFields(list: Node | null): InitField[] {
  const fields: InitField[] = [];
  for (const pair of namedKids(list)) {
    if (pair.type !== 'initializer_pair') continue;
    const designator = pair.childForFieldName('designator') ?? namedKids(pair)[0];
    const value = pair.childForFieldName('value');
    const field = designator?.type === 'field_designator' ? namedKids(designator)[0] : null;
    if (field && value) fields.push({ ...span(pair), field: field.text, fieldSpan: span(designator!), value: text(value) });
  }
  return fields;
}

/** Adds the table a declaration initialises, if it is one. */
export function table(n: Node, out: StructTable[]): void {
  const type = n.childForFieldName('type')!;
  const struct = type.childForFieldName('name')?.text;
  if (!struct) return;
  for (const d of namedKids(n)) {
    if (d.type !== 'init_declarator') continue;
    const decl = d.childForFieldName('declarator');
    const value = d.childForFieldName('value');
    const name = declaredName(decl);
    if (!name || value?.type !== 'initializer_list') continue;
    const isArray = decl?.type === 'array_declarator';
    out.push({
      ...span(n),
      struct,
      name: name.text,
      nameSpan: span(name),
      isArray,
      fields: isArray ? [] : initFields(value),
      entries: isArray ? namedKids(value).map(entry) : [],
    });
  }
}

function entry(e: Node): TableEntry {
  const base = { ...span(e), text: e.text };
  if (e.type !== 'initializer_list') return { ...base, empty: false };
  const kids = namedKids(e);
  if (kids.length === 0) return { ...base, empty: true };
  const first = kids[0];
  if (kids.length === 1 && first.type === 'call_expression' && first.childForFieldName('function')?.type === 'identifier') {
    const f = first.childForFieldName('function')!;
    return { ...base, empty: false, macro: { name: f.text, nameSpan: span(f), args: namedKids(first.childForFieldName('arguments')).map(text) } };
  }
  if (kids.every((k) => k.type === 'number_literal' && /^0+[uUlL]*$/.test(k.text))) return { ...base, empty: true };
  const fields = initFields(e);
  return fields.length ? { ...base, empty: false, fields } : { ...base, empty: false };
}
