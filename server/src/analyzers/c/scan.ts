// One walk over the syntax tree that keeps what the recognisers need, as
// plain data with document offsets: macro-looking names, calls, functions,
// initialised tables, strings, field assignments and shifts. Nothing here
// outlives the tree, so the next edit can free it.
import { Query } from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';
import { language } from '../../parsing/treeSitter';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TextSpan extends Span {
  readonly text: string;
}

export interface Ident extends Span {
  readonly name: string;
  /** Enclosing function definition, by name. */
  readonly fn?: string;
}

export interface Call extends Span {
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly TextSpan[];
  readonly fn?: string;
  /** When the call sits in an `if` condition: the statement the condition guards. */
  readonly guards?: Span;
}

export interface FunctionDef extends Span {
  readonly name: string;
  readonly nameSpan: Span;
}

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

export interface FieldAssignment extends Span {
  /** The target as written, whitespace removed: `nvdev->usemem.memlength`. */
  readonly target: string;
  readonly targetSpan: Span;
  /** The assigned expression, or the call that writes through a pointer (`check_sub_overflow(…, &x)`). */
  readonly value: TextSpan;
  readonly via: 'assign' | 'out-param';
  readonly fn?: string;
  /** End of the statement, where an inlay hint goes. */
  readonly statementEnd: number;
}

export interface Shift extends Span {
  readonly op: '>>' | '<<' | '&';
  readonly left: TextSpan;
  readonly right: TextSpan;
  readonly fn?: string;
}

export interface StringLit extends Span {
  readonly value: string;
  readonly fn?: string;
}

export interface Local {
  readonly fn: string;
  readonly name: string;
  readonly type: string;
}

export interface Scan {
  readonly idents: readonly Ident[];
  readonly locals: readonly Local[];
  readonly calls: readonly Call[];
  readonly functions: readonly FunctionDef[];
  readonly tables: readonly StructTable[];
  readonly assignments: readonly FieldAssignment[];
  readonly shifts: readonly Shift[];
  readonly strings: readonly StringLit[];
}

const text = (n: Node): TextSpan => ({ start: n.startIndex, end: n.endIndex, text: n.text });
const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });
const namedKids = (n: Node | null): Node[] => (n ? n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : []);

const PATTERNS = `
(comment) @skip
(char_literal) @skip
(function_definition) @fn
(call_expression function: (identifier)) @call
(declaration type: (struct_specifier) declarator: (init_declarator value: (initializer_list))) @table
(assignment_expression left: (field_expression)) @assign
(binary_expression operator: [">>" "<<" "&"]) @shift
(string_literal) @str
(declaration) @local
`;

let query: Query | undefined;

/**
 * `interesting` picks the identifiers worth keeping (macro and kernel names);
 * every other construct is kept whole.
 */
export function scan(tree: Tree, interesting: (name: string) => boolean, directives: readonly Span[]): Scan {
  const out = { idents: [] as Ident[], calls: [] as Call[], functions: [] as FunctionDef[], tables: [] as StructTable[], assignments: [] as FieldAssignment[], shifts: [] as Shift[], strings: [] as StringLit[], locals: [] as Local[] };
  query ??= new Query(language('c'), PATTERNS);
  const fnStack: Array<{ name: string; end: number }> = [];
  const currentFn = (at: number) => {
    while (fnStack.length && fnStack[fnStack.length - 1].end <= at) fnStack.pop();
    return fnStack[fnStack.length - 1]?.name;
  };
  const seen = new Set<string>();
  const skips: Span[] = [...directives];
  // Captures arrive in document order, so a function's captures follow its own.
  for (const { name: kind, node: n } of query.captures(tree.rootNode)) {
    const start = n.startIndex;
    if (kind === 'table') {
      // A declaration with two initialised declarators matches twice.
      const key = `${start}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    switch (kind) {
      case 'skip':
        skips.push(span(n));
        break;
      case 'fn': {
        const f = functionDef(n);
        if (f) {
          currentFn(start);
          out.functions.push(f);
          fnStack.push({ name: f.name, end: f.end });
        }
        break;
      }
      case 'call':
        call(n, currentFn(start), out);
        break;
      case 'table':
        table(n, out);
        break;
      case 'assign':
        assignment(n, currentFn(start), out);
        break;
      case 'shift': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        const op = n.childForFieldName('operator')?.type as Shift['op'];
        if (l && r) out.shifts.push({ ...span(n), op, left: text(l), right: text(r), fn: currentFn(start) });
        break;
      }
      case 'str': {
        skips.push(span(n));
        const content = namedKids(n).filter((k) => k.type === 'string_content').map((k) => k.text).join('');
        if (content.startsWith('nvidia,')) out.strings.push({ ...span(n), value: content, fn: currentFn(start) });
        break;
      }
      case 'local': {
        const fn = currentFn(start);
        if (fn) locals(n, fn, out.locals);
        break;
      }
    }
  }
  out.idents = names(tree.rootNode.text, skips, out.functions, interesting);
  return out;
}

const NAME = /(?<![\w.$])[A-Za-z_]\w*/g;

/**
 * Macro and kernel names in code. Reading them off the text is much faster
 * than asking the tree for every identifier node; comments, strings and
 * directives are skipped, and so are structure fields.
 */
function names(source: string, skips: Span[], functions: readonly FunctionDef[], interesting: (name: string) => boolean): Ident[] {
  skips.sort((a, b) => a.start - b.start);
  const out: Ident[] = [];
  let k = 0;
  let f = 0;
  for (const m of source.matchAll(NAME)) {
    const start = m.index;
    while (k < skips.length && skips[k].end <= start) k++;
    if (k < skips.length && skips[k].start <= start) continue;
    const name = m[0];
    if (!interesting(name)) continue;
    if (/->\s*$/.test(source.slice(Math.max(0, start - 8), start))) continue;
    while (f < functions.length && functions[f].end <= start) f++;
    const fn = f < functions.length && functions[f].start <= start ? functions[f].name : undefined;
    out.push({ name, start, end: start + name.length, ...(fn ? { fn } : {}) });
  }
  return out;
}

/** `u64 val;`, `u64 a, b = 0;` inside a function: what `sizeof(val)` means. */
function locals(n: Node, fn: string, out: Local[]): void {
  const type = n.childForFieldName('type');
  if (!type || !/^(primitive_type|type_identifier|sized_type_specifier)$/.test(type.type)) return;
  for (const d of namedKids(n)) {
    const name = d.type === 'identifier' ? d : d.type === 'init_declarator' ? d.childForFieldName('declarator') : null;
    if (name?.type === 'identifier') out.push({ fn, name: name.text, type: type.text });
  }
}

function declaredName(d: Node | null): Node | null {
  for (let n = d; n; n = n.childForFieldName('declarator')) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n;
  }
  return null;
}

function functionDef(n: Node): FunctionDef | undefined {
  let d = n.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  const name = declaredName(d?.childForFieldName('declarator') ?? null);
  return name ? { ...span(n), name: name.text, nameSpan: span(name) } : undefined;
}

function call(n: Node, fn: string | undefined, out: { calls: Call[]; assignments: FieldAssignment[] }): void {
  const f = n.childForFieldName('function');
  if (!f) return;
  const args = namedKids(n.childForFieldName('arguments')).map(text);
  const name = f.text;
  // Only config-window checks need the statement they guard.
  const c: Call = { ...span(n), name, nameSpan: span(f), args, fn, ...(/range_intersect_range$/.test(name) ? guarded(n) : {}) };
  out.calls.push(c);
  // check_sub_overflow(a, b, &x->y) and friends store their result in the last argument.
  if (/^check_(add|sub|mul)_overflow$/.test(c.name) && args.length === 3) {
    const last = namedKids(n.childForFieldName('arguments'))[2];
    const target = last?.type === 'pointer_expression' ? last.childForFieldName('argument') : null;
    if (target?.type === 'field_expression') {
      out.assignments.push({ ...span(n), target: target.text.replace(/\s+/g, ''), targetSpan: span(target), value: text(n), via: 'out-param', fn, statementEnd: statementEnd(n) });
    }
  }
}

/** The statement an `if` runs when its condition holds, if `n` is part of that condition. */
function guarded(n: Node): { guards?: Span } {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (p.type === 'if_statement') {
      const cond = p.childForFieldName('condition');
      const then = p.childForFieldName('consequence');
      return cond && then && child.startIndex >= cond.startIndex && child.endIndex <= cond.endIndex ? { guards: span(then) } : {};
    }
    if (/statement$|^compound_statement$|declaration$|^function_definition$/.test(p.type)) return {};
  }
  return {};
}

function statementEnd(n: Node): number {
  for (let p: Node | null = n; p; p = p.parent) {
    if (p.type === 'expression_statement') return p.endIndex;
    if (/statement$|^function_definition$/.test(p.type)) break;
  }
  return n.endIndex;
}

function assignment(n: Node, fn: string | undefined, out: { assignments: FieldAssignment[] }): void {
  const left = n.childForFieldName('left')!;
  const right = n.childForFieldName('right');
  if (!right || n.childForFieldName('operator')?.type !== '=') return;
  out.assignments.push({ ...span(n), target: left.text.replace(/\s+/g, ''), targetSpan: span(left), value: text(right), via: 'assign', fn, statementEnd: statementEnd(n) });
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

function table(n: Node, out: { tables: StructTable[] }): void {
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
    out.tables.push({
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
