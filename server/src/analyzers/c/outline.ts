// Where a driver's function definitions and its ops and device-ID tables
// are, found without walking the whole tree (a tree-sitter query over every
// node of a large file costs a third of a parse): functions where C declares
// them — top level, #if groups, extern blocks, error recovery around them —
// and tables from the struct names in the text.
import type { Node, Tree } from 'web-tree-sitter';
import { namedKids } from './nodes';

/** The structs whose initialised declarations the analyzer reads. */
export const TABLE_STRUCTS: ReadonlySet<string> = new Set(['vfio_device_ops', 'pci_device_id']);
const TABLE_STRUCT_TEXT = /\b(?:vfio_device_ops|pci_device_id)\b/g;

const FUNCTION_HOLDERS = new Set(['translation_unit', 'preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef', 'linkage_specification', 'declaration_list', 'ERROR']);

/** Function definitions in document order. */
export function functionNodes(tree: Tree): Node[] {
  return functionNodesUnder(tree.rootNode);
}

/** Function definitions in a top-level node (or the root), where C declares them, in document order. */
export function functionNodesUnder(top: Node, type = top.type): Node[] {
  if (type === 'function_definition') return [top];
  if (!FUNCTION_HOLDERS.has(type)) return [];
  const out: Node[] = [];
  // An explicit stack (document order kept): #if groups nested thousands deep must not overflow the call stack.
  const stack: Node[] = [top];
  while (stack.length) {
    const kids = stack.pop()!.namedChildren;
    const holders: Node[] = [];
    for (const c of kids) {
      if (!c) continue;
      if (c.type === 'function_definition') out.push(c);
      else if (FUNCTION_HOLDERS.has(c.type)) holders.push(c);
    }
    for (let i = holders.length - 1; i >= 0; i--) stack.push(holders[i]);
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/** `struct vfio_device_ops x = {…};`, `struct pci_device_id ids[] = {…};`: the declarations, in document order, once each. */
export function tableNodes(tree: Tree, source: string): Node[] {
  return tableNodesIn(tree.rootNode, source, 0, source.length);
}

/** The tables whose struct name lies in [start, end) of `source`, below `root`. */
export function tableNodesIn(root: Node, source: string, start: number, end: number): Node[] {
  const out: Node[] = [];
  let seen: Set<number> | undefined;
  // Matched in the piece's own text: a search from `start` over the whole file would run on to the next table.
  const own = source.slice(start, end);
  TABLE_STRUCT_TEXT.lastIndex = 0;
  for (let m = TABLE_STRUCT_TEXT.exec(own); m; m = TABLE_STRUCT_TEXT.exec(own)) {
    const name = root.descendantForIndex(m.index + start);
    const spec = name?.parent;
    if (!name || spec?.type !== 'struct_specifier' || spec.childForFieldName('name')?.startIndex !== name.startIndex) continue;
    const decl = spec.parent;
    if (decl?.type !== 'declaration' || decl.childForFieldName('type')?.startIndex !== spec.startIndex || seen?.has(decl.startIndex)) continue;
    if (!namedKids(decl).some((d) => d.type === 'init_declarator' && d.childForFieldName('value')?.type === 'initializer_list')) continue;
    (seen ??= new Set()).add(decl.startIndex);
    out.push(decl);
  }
  return out;
}
