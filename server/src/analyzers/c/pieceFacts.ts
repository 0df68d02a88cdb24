// The facts of one piece of a C file (see pieces.ts) kept between analyses:
// its directives, its scan and its model facts, keyed by the piece's text.
// A piece that moved (an edit before it) gets a copy with its offsets moved.
import type { PageSize } from '../../model';
import type { PieceModel } from './driver';
import type { Piece } from './pieces';
import type { DirectiveLocation, PieceDirectives } from './preprocessor';
import type { Call, CallSite, FieldAssignment, FunctionDef, InitField, PieceScan, Shift, Span, StructTable, TableEntry, TextSpan } from './scan';

export interface PieceModelFacts {
  /** Directives before the piece when the facts were made: every point inside counts from there. */
  readonly base: number;
  readonly pageSize: PageSize;
  /** Macro names the facts' values rest on. */
  readonly touched: ReadonlySet<string>;
  readonly facts: PieceModel;
}

export interface PieceFacts {
  readonly key: string;
  /** Where the piece started when these facts were made; their offsets are for that place. */
  readonly from: number;
  readonly directives: PieceDirectives;
  /** Absent once a change of the macro table made it stale (it depends on which names are macros). */
  scan?: PieceScan;
  /** Absent once a change of a macro it rests on made it stale. */
  model?: PieceModelFacts;
  /** Tree-sitter found no error in it: its facts follow from its text alone. */
  readonly reusable: boolean;
}

/** A piece's identity for reuse: the same key gives the same facts, moved to where the piece is. */
export function pieceKey(p: Piece, text: string): string {
  return `${p.type}${p.lineStart ? '\n' : ' '}${text.slice(p.from, p.to)}`;
}

// Moving facts is on every edit's path (the pieces after the edit move): plain copies, written out per kind.
const span = <T extends Span>(x: T, d: number): T => ({ ...x, start: x.start + d, end: x.end + d });
const text = (x: TextSpan, d: number): TextSpan => ({ start: x.start + d, end: x.end + d, text: x.text });
const texts = (xs: readonly TextSpan[], d: number): TextSpan[] => xs.map((x) => text(x, d));
const call = (c: Call, d: number): Call => ({ ...c, start: c.start + d, end: c.end + d, nameSpan: span(c.nameSpan, d), args: texts(c.args, d), ...(c.guards ? { guards: span(c.guards, d) } : {}) });
const field = (f: InitField, d: number): InitField => ({ ...f, start: f.start + d, end: f.end + d, fieldSpan: span(f.fieldSpan, d), value: text(f.value, d) });
const entry = (e: TableEntry, d: number): TableEntry => ({
  ...e,
  start: e.start + d,
  end: e.end + d,
  ...(e.macro ? { macro: { ...e.macro, nameSpan: span(e.macro.nameSpan, d), args: texts(e.macro.args, d) } } : {}),
  ...(e.fields ? { fields: e.fields.map((f) => field(f, d)) } : {}),
});
const table = (t: StructTable, d: number): StructTable => ({
  ...t,
  start: t.start + d,
  end: t.end + d,
  nameSpan: span(t.nameSpan, d),
  fields: t.fields.map((f) => field(f, d)),
  entries: t.entries.map((e) => entry(e, d)),
});
const assignment = (a: FieldAssignment, d: number): FieldAssignment => ({ ...a, start: a.start + d, end: a.end + d, targetSpan: span(a.targetSpan, d), value: text(a.value, d), statementEnd: a.statementEnd + d });
const shift = (x: Shift, d: number): Shift => ({ ...x, start: x.start + d, end: x.end + d, left: text(x.left, d), right: text(x.right, d) });
const fn = (f: FunctionDef, d: number): FunctionDef => ({ ...f, start: f.start + d, end: f.end + d, nameSpan: span(f.nameSpan, d) });
const site = (c: CallSite, d: number): CallSite => ({ ...c, start: c.start + d });
const at = (n: number | undefined, d: number) => (n === undefined ? undefined : n + d);
function location(l: DirectiveLocation, d: number): DirectiveLocation {
  const out: { -readonly [K in keyof DirectiveLocation]: DirectiveLocation[K] } = { start: l.start + d, end: l.end + d };
  if ('nameStart' in l) out.nameStart = at(l.nameStart, d);
  if ('nameEnd' in l) out.nameEnd = at(l.nameEnd, d);
  if ('bodyStart' in l) out.bodyStart = at(l.bodyStart, d);
  if ('bodyEnd' in l) out.bodyEnd = at(l.bodyEnd, d);
  return out;
}

/** Each item moved; an empty list stays the same list. */
function all<T>(xs: readonly T[], move: (x: T, d: number) => T, d: number): readonly T[] {
  if (!xs.length) return xs;
  const out = new Array<T>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = move(xs[i], d);
  return out;
}

/** The same facts for the piece now starting at `from` (fresh objects; the kept ones stay as they were). */
export function movedFacts(f: PieceFacts, from: number): PieceFacts {
  const d = from - f.from;
  const pd = f.directives;
  const directives: PieceDirectives = pd.directives.length || pd.tooDeep
    ? { ...pd, locations: all(pd.locations, location, d), ...(pd.tooDeep ? { tooDeep: span(pd.tooDeep, d) } : {}) }
    : pd;
  const s = f.scan;
  const scan: PieceScan | undefined = s && {
    names: s.names,
    locals: s.locals,
    idents: all(s.idents, span, d),
    callSites: all(s.callSites, site, d),
    calls: all(s.calls, call, d),
    functions: all(s.functions, fn, d),
    tables: all(s.tables, table, d),
    assignments: all(s.assignments, assignment, d),
    shifts: all(s.shifts, shift, d),
    strings: all(s.strings, span, d),
  };
  const pm = f.model?.facts;
  const facts: PieceModel | undefined = pm && {
    regionUses: all(pm.regionUses, (u) => ({ ...u, ident: span(u.ident, d) }), d),
    windows: all(pm.windows, (w) => ({ ...w, call: call(w.call, d), ...(w.paired ? { paired: { ...w.paired, ident: span(w.paired.ident, d) } } : {}) }), d),
    memFields: all(pm.memFields, (x) => ({ ...x, assignment: assignment(x.assignment, d) }), d),
    decodes: all(pm.decodes, (x) => ({ ...x, shift: shift(x.shift, d) }), d),
    acpi: all(pm.acpi, (x) => ({ ...x, str: span(x.str, d) }), d),
  };
  return {
    key: f.key,
    from,
    reusable: f.reusable,
    directives,
    ...(scan ? { scan } : {}),
    ...(f.model && facts ? { model: { ...f.model, facts } } : {}),
  };
}
