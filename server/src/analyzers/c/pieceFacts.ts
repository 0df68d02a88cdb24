// The facts of one piece of a C file (see pieces.ts) kept between analyses:
// its directives, its scan and its model facts, keyed by the piece's text.
// A piece that moved (an edit before it) gets a copy with its offsets moved.
import type { PageSize } from '../../model';
import type { PieceModel } from './driver';
import type { Piece } from './pieces';
import type { DirectiveLocation, PieceDirectives } from './preprocessor';
import type { Call, CallSite, FieldAssignment, FunctionDef, InitField, PieceScan, Scan, Shift, Span, StructTable, TableEntry, TextSpan } from './scan';

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
  /** Where the piece starts; `directives` are located there. */
  readonly from: number;
  readonly directives: PieceDirectives;
  /** Where the piece started when `scan` and `model` were made: their offsets are for that place. */
  origin: number;
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

/** The piece's record for where it now starts: directives moved, scan and model left where they were made. */
export function movedFacts(f: PieceFacts, from: number): PieceFacts {
  const d = from - f.from;
  const pd = f.directives;
  const directives: PieceDirectives = pd.directives.length || pd.tooDeep
    ? { ...pd, locations: all(pd.locations, location, d), ...(pd.tooDeep ? { tooDeep: span(pd.tooDeep, d) } : {}) }
    : pd;
  return { key: f.key, from, origin: f.origin, reusable: f.reusable, directives, ...(f.scan ? { scan: f.scan } : {}), ...(f.model ? { model: f.model } : {}) };
}

/** Concatenated, each item moved by its piece's delta; lists that are all in place are not copied. */
function placed<T>(lists: ReadonlyArray<readonly T[]>, deltas: readonly number[], move: (x: T, d: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < lists.length; i++) {
    const xs = lists[i];
    const d = deltas[i];
    if (d === 0) for (const x of xs) out.push(x);
    else for (const x of xs) out.push(move(x, d));
  }
  return out;
}

/**
 * The file's scan from its pieces', where they now are. What diagnostics read
 * (calls, tables, strings) is placed now; the long lists (names, call sites,
 * functions…) when hovers, hints or lenses first ask.
 */
export function placedScan(pieces: readonly PieceFacts[]): Scan {
  const scans = pieces.map((f) => f.scan!);
  const deltas = pieces.map((f) => f.from - f.origin);
  const lazy = <T>(pick: (s: PieceScan) => readonly T[], move: (x: T, d: number) => T) => {
    let done: T[] | undefined;
    return () => (done ??= placed(scans.map(pick), deltas, move));
  };
  const idents = lazy((s) => s.idents, span);
  const callSites = lazy((s) => s.callSites, site);
  const functions = lazy((s) => s.functions, fn);
  const assignments = lazy((s) => s.assignments, assignment);
  const shifts = lazy((s) => s.shifts, shift);
  const locals = lazy((s) => s.locals, (x) => x);
  return {
    calls: placed(scans.map((s) => s.calls), deltas, call),
    tables: placed(scans.map((s) => s.tables), deltas, table),
    strings: placed(scans.map((s) => s.strings), deltas, span),
    get idents() {
      return idents();
    },
    get callSites() {
      return callSites();
    },
    get functions() {
      return functions();
    },
    get assignments() {
      return assignments();
    },
    get shifts() {
      return shifts();
    },
    get locals() {
      return locals();
    },
  };
}

/** Whether any piece calls (in a function) or mentions a name like this: names need no placing. */
export function someName(pieces: readonly PieceFacts[], kind: 'callSites' | 'idents', test: (name: string) => boolean): boolean {
  return pieces.some((f) => f.scan![kind].some((x) => test(x.name)));
}

/** Each piece's model facts, where the piece now is; region uses placed when first read. */
export function placedModels(pieces: readonly PieceFacts[]): PieceModel[] {
  return pieces.map((f) => {
    const pm = f.model!.facts;
    const d = f.from - f.origin;
    if (d === 0) return pm;
    let regionUses: PieceModel['regionUses'] | undefined;
    return {
      get regionUses() {
        return (regionUses ??= all(pm.regionUses, (u) => ({ ...u, ident: span(u.ident, d) }), d));
      },
      windows: all(pm.windows, (w) => ({ ...w, call: call(w.call, d), ...(w.paired ? { paired: { ...w.paired, ident: span(w.paired.ident, d) } } : {}) }), d),
      memFields: all(pm.memFields, (x) => ({ ...x, assignment: assignment(x.assignment, d) }), d),
      decodes: all(pm.decodes, (x) => ({ ...x, shift: shift(x.shift, d) }), d),
      acpi: all(pm.acpi, (x) => ({ ...x, str: span(x.str, d) }), d),
    };
  });
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;

/**
 * The pieces (by index) whose text holds one of these names as a word: the
 * ones a change of what those names are (macro or not) can change. Comments
 * and strings count too; a piece is then read again for nothing.
 */
export function piecesMentioning(text: string, pieces: readonly PieceFacts[], names: ReadonlySet<string>): Set<number> {
  const out = new Set<number>();
  for (const name of names) {
    if (!name) continue;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if ((at > 0 && isWordChar(text.charCodeAt(at - 1))) || isWordChar(text.charCodeAt(at + name.length))) continue;
      let lo = 0;
      let hi = pieces.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (pieces[mid].from <= at) lo = mid;
        else hi = mid - 1;
      }
      out.add(lo);
    }
  }
  return out;
}
