// What the recognisers need from a C file, as plain data with document
// offsets: macro and kernel names, call sites, functions, initialised
// tables, `"nvidia,…"` strings, memory-field assignments and region shifts.
// Names come from a fast text pass; the tree is asked only about the few
// places that need its structure. One top-level node (a piece, see
// pieces.ts) at a time; nothing here outlives the tree.
import type { Node } from 'web-tree-sitter';
import { lexNames } from './lexNames';
import { functionNodesUnder, tableNodesIn } from './outline';
import type { Piece } from './pieces';
import { declaredName, namedKids, span, text } from './nodes';
import { StructTable, table } from './structTables';

export type { InitField, StructTable, TableEntry } from './structTables';

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

/** Any `name(` inside a function: enough for call graphs. */
export interface CallSite {
  readonly name: string;
  readonly start: number;
  readonly fn?: string;
}

export interface Scan {
  readonly idents: readonly Ident[];
  readonly locals: readonly Local[];
  readonly callSites: readonly CallSite[];
  /** Calls the recognisers look inside (see ScanNeeds.detailed). */
  readonly calls: readonly Call[];
  readonly functions: readonly FunctionDef[];
  /** Initialised `vfio_device_ops` and `pci_device_id` declarations (the ones the recognisers read). */
  readonly tables: readonly StructTable[];
  readonly assignments: readonly FieldAssignment[];
  readonly shifts: readonly Shift[];
  readonly strings: readonly StringLit[];
}

export interface ScanNeeds {
  /** Names worth a hover or a lookup: macros and kernel names. */
  interesting(name: string): boolean;
  /** Called names whose arguments matter (config-window checks, helpers, macros). */
  detailed(name: string): boolean;
  /** Names whose value involves VFIO_PCI_OFFSET_SHIFT: the shifts around them decode regions. */
  shifting(name: string): boolean;
}

const MEM_FIELD_TEXT = /\b(?:usemem|resmem)\s*\.\s*(?:memphys|memlength|bar_size)\b/g;

/** What one piece of the file holds (see pieces.ts), with document offsets. */
export type PieceScan = Scan;

const outside = (): string | undefined => undefined;
const NO_OFFSETS: ReadonlySet<number> = new Set();
const NOTHING_TO_SCAN = new Set(['preproc_def', 'preproc_function_def', 'preproc_call', 'preproc_include', 'comment']);
export const NONE: readonly never[] = Object.freeze([]);
const EMPTY_SCAN: PieceScan = { idents: NONE, callSites: NONE, calls: NONE, assignments: NONE, shifts: NONE, locals: NONE, functions: NONE, tables: NONE, strings: NONE };

/** The list, or the shared empty one. */
export function list<T>(xs: T[]): readonly T[] {
  return xs.length ? xs : (NONE as readonly T[]);
}

/** Whether a piece's scan found nothing at all. */
export function isEmptyScan(s: Scan): boolean {
  return s === EMPTY_SCAN || (!s.idents.length && !s.callSites.length && !s.calls.length && !s.assignments.length && !s.shifts.length && !s.strings.length);
}

/**
 * One top-level node: names come from a text pass over the piece, the tree is
 * asked only below `top`. `asked` remembers each name's needs across pieces
 * (bit 1 interesting, 2 detailed, 4 shifting).
 */
export function scanPiece(top: Node, source: string, piece: Pick<Piece, 'from' | 'to' | 'lineStart' | 'type'>, needs: ScanNeeds, asked: Map<string, number>): PieceScan {
  // A directive at a line's start or a comment: the text pass skips both, and neither holds a function,
  // a table or an assignment. Half the pieces of a driver are #defines.
  if (piece.lineStart && NOTHING_TO_SCAN.has(piece.type)) return EMPTY_SCAN;
  const functions: FunctionDef[] = [];
  for (const n of functionNodesUnder(top, piece.type)) {
    const f = functionDef(n);
    if (f) functions.push(f);
  }
  const tables: StructTable[] = [];
  for (const n of tableNodesIn(top, source, piece.from, piece.to)) table(n, tables);
  const fnAt = functions.length ? enclosing(functions) : outside;
  const out = { idents: [] as Ident[], callSites: [] as CallSite[], calls: [] as Call[], assignments: [] as FieldAssignment[], shifts: [] as Shift[], locals: [] as Local[] };
  // Made when first needed: most pieces have no shift or window check.
  let shiftSeen: Set<number> | undefined;
  let localsOf: Set<string> | undefined;
  const defNames = functions.length ? new Set(functions.map((f) => f.nameSpan.start)) : NO_OFFSETS;
  const strings = lexNames(
    source,
    (name, start, called) => {
      if (name === undefined || defNames.has(start)) return;
      let wants = asked.get(name);
      if (wants === undefined) {
        wants = (needs.interesting(name) ? 1 : 0) | (needs.detailed(name) ? 2 : 0) | (needs.shifting(name) ? 4 : 0);
        asked.set(name, wants);
      }
      if (!wants && !called) return;
      const fn = fnAt(start);
      if (wants & 1) out.idents.push({ name, start, end: start + name.length, ...(fn ? { fn } : {}) });
      if (called && fn) out.callSites.push({ name, start, fn });
      if (called && wants & 2) {
        const node = top.descendantForIndex(start);
        const parent = node?.parent;
        const c = parent?.type === 'call_expression' && parent.childForFieldName('function')?.startIndex === start ? parent : null;
        if (c) {
          call(c, fn, out);
          if (fn && isWindowHelper(name) && !localsOf?.has(fn)) {
            (localsOf ??= new Set()).add(fn);
            functionLocals(c, fn, out.locals);
          }
        }
      }
      if (wants & 4) shiftAround(top.descendantForIndex(start), fn, out.shifts, (shiftSeen ??= new Set()));
    },
    piece.from,
    piece.to,
    piece.lineStart,
  );
  // In the piece's own text: a search from `from` over the whole file would run on to the next match.
  const own = source.slice(piece.from, piece.to);
  MEM_FIELD_TEXT.lastIndex = 0;
  for (let m = MEM_FIELD_TEXT.exec(own); m; m = MEM_FIELD_TEXT.exec(own)) {
    const at = m.index + piece.from;
    assignmentAt(top.descendantForIndex(at), fnAt(at), out.assignments);
  }
  // Most pieces hold few kinds of facts: empty lists are shared (the facts outlive the analysis).
  return {
    idents: list(out.idents),
    callSites: list(out.callSites),
    calls: list(out.calls),
    assignments: list(out.assignments),
    shifts: list(out.shifts),
    locals: list(out.locals),
    functions: list(functions),
    tables: list(tables),
    strings: strings.length ? strings.map((s: { start: number; end: number; value: string }) => ({ start: s.start, end: s.end, value: s.value, ...(fnAt(s.start) ? { fn: fnAt(s.start) } : {}) })) : NONE,
  };
}

/** Offset → name of the function definition holding it; offsets must come in increasing order per caller. */
function enclosing(functions: readonly FunctionDef[]): (offset: number) => string | undefined {
  return (offset) => {
    let lo = 0;
    let hi = functions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = functions[mid];
      if (offset < f.start) hi = mid - 1;
      else if (offset >= f.end) lo = mid + 1;
      else return f.name;
    }
    return undefined;
  };
}

export function isWindowHelper(name: string): boolean {
  return name === 'vfio_pci_core_range_intersect_range' || name === 'range_intersect_range';
}

/** The shift or mask a region-decoding name sits in (`vm_pgoff >> (VFIO_PCI_OFFSET_SHIFT - PAGE_SHIFT)`). */
function shiftAround(n: Node | null, fn: string | undefined, out: Shift[], seen: Set<number>): void {
  for (let p = n?.parent ?? null, child = n; p && child; child = p, p = p.parent) {
    if (/statement$|^function_definition$|declaration$|^translation_unit$/.test(p.type)) return;
    if (p.type !== 'binary_expression') continue;
    const op = p.childForFieldName('operator')?.type;
    const l = p.childForFieldName('left');
    const r = p.childForFieldName('right');
    if ((op === '>>' || op === '<<' || op === '&') && l && r && child.startIndex >= r.startIndex) {
      if (!seen.has(p.startIndex)) {
        seen.add(p.startIndex);
        out.push({ ...span(p), op, left: text(l), right: text(r), ...(fn ? { fn } : {}) });
      }
      return;
    }
  }
}

/** `x->usemem.memlength = …`: the assignment whose target ends at this field. */
function assignmentAt(n: Node | null, fn: string | undefined, out: FieldAssignment[]): void {
  let target: Node | null = null;
  for (let p = n; p; p = p.parent) {
    if (p.type === 'field_expression') target = p;
    else if (target) {
      if (p.type === 'assignment_expression' && p.childForFieldName('left')?.startIndex === target.startIndex && p.childForFieldName('left')?.endIndex === target.endIndex) {
        assignment(p, fn, out);
      }
      return;
    }
  }
}

/** `u64 val;`, `u64 a, b = 0;` in a function: what `sizeof(val)` means. */
function functionLocals(inside: Node, fn: string, out: Local[]): void {
  let f: Node | null = inside;
  while (f && f.type !== 'function_definition') f = f.parent;
  for (const n of f?.childForFieldName('body')?.descendantsOfType('declaration') ?? []) {
    if (!n) continue;
    const type = n.childForFieldName('type');
    if (!type || !/^(primitive_type|type_identifier|sized_type_specifier)$/.test(type.type)) continue;
    for (const d of namedKids(n)) {
      const name = d.type === 'identifier' ? d : d.type === 'init_declarator' ? d.childForFieldName('declarator') : null;
      if (name?.type === 'identifier') out.push({ fn, name: name.text, type: type.text });
    }
  }
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
  const c: Call = { ...span(n), name, nameSpan: span(f), args, fn, ...(isWindowHelper(name) ? guarded(n) : {}) };
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

function assignment(n: Node, fn: string | undefined, out: FieldAssignment[]): void {
  const left = n.childForFieldName('left')!;
  const right = n.childForFieldName('right');
  if (!right || n.childForFieldName('operator')?.type !== '=') return;
  out.push({ ...span(n), target: left.text.replace(/\s+/g, ''), targetSpan: span(left), value: text(right), via: 'assign', fn, statementEnd: statementEnd(n) });
}

