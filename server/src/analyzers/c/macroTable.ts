// Which definition of a name is in effect at a point of the file: the last
// #define or #undef before it, seen through the #if branches that can be
// compiled together with that point. When two branches define a name
// differently, the answer is "depends on the #if", never a pick.
import type { Directive, GroupPath } from './preprocessor';

export type MacroDef = Extract<Directive, { kind: 'define' }>;
type Entry = Extract<Directive, { kind: 'define' | 'undef' }>;

/** A point in the file, as the preprocessor sees it. */
export interface Point {
  /** Directives strictly before the point. */
  readonly ordinal: number;
  readonly path: GroupPath;
}

export type Lookup =
  | { readonly kind: 'none' }
  | { readonly kind: 'undef'; readonly ordinal: number }
  | { readonly kind: 'macro'; readonly def: MacroDef }
  | { readonly kind: 'conditional'; readonly defs: readonly (MacroDef | undefined)[] };

function exclusive(a: GroupPath, b: GroupPath): boolean {
  return a.some((s) => b.some((t) => t.group === s.group && t.branch !== s.branch));
}

/** Every branch `a` sits in also holds `b`. */
function covers(a: GroupPath, b: GroupPath): boolean {
  return a.every((s) => b.some((t) => t.group === s.group && t.branch === s.branch));
}

export class MacroTable {
  private readonly byName = new Map<string, Entry[]>();
  private readonly groups = new Map<number, { hasElse: boolean; branches: number }>();

  constructor(readonly directives: readonly Directive[]) {
    for (const d of directives) {
      if (d.kind === 'group') this.groups.set(d.ordinal, { hasElse: d.hasElse, branches: d.branches });
      if (d.kind !== 'define' && d.kind !== 'undef') continue;
      const list = this.byName.get(d.name);
      if (list) list.push(d);
      else this.byName.set(d.name, [d]);
    }
  }

  names(): IterableIterator<string> {
    return this.byName.keys();
  }

  /** Whether the file defines or undefines the name anywhere. */
  mentions(name: string): boolean {
    return this.byName.has(name);
  }

  definitions(name: string): readonly MacroDef[] {
    return (this.byName.get(name) ?? []).filter((e): e is MacroDef => e.kind === 'define');
  }

  lookup(name: string, at: Point): Lookup {
    const list = this.byName.get(name);
    if (!list) return { kind: 'none' };
    return this.resolve(list, at, 0);
  }

  private resolve(list: readonly Entry[], at: Point, depth: number): Lookup {
    const visible = list.filter((e) => e.ordinal < at.ordinal && !exclusive(e.path, at.path));
    const last = visible[visible.length - 1];
    if (!last) return { kind: 'none' };
    if (covers(last.path, at.path) || depth > 4) return asLookup(last);
    // `last` sits in a branch the point is outside of: every branch of that group is an alternative.
    const step = last.path.find((s) => !at.path.some((t) => t.group === s.group && t.branch === s.branch))!;
    const inGroup = visible.filter((e) => e.path.some((s) => s.group === step.group));
    const byBranch = new Map<number, Entry>();
    for (const e of inGroup) byBranch.set(e.path.find((s) => s.group === step.group)!.branch, e);
    const alternatives: Lookup[] = [...byBranch.values()].map(asLookup);
    const group = this.groups.get(step.group);
    // Without an #else, or with a branch that leaves the name alone, the earlier state may survive.
    if (!group?.hasElse || byBranch.size < group.branches) {
      alternatives.push(this.resolve(list, { ordinal: step.group, path: at.path }, depth + 1));
    }
    const bodies = new Set(alternatives.map(signatureOf));
    if (bodies.size === 1) return alternatives[0];
    return { kind: 'conditional', defs: alternatives.map((a) => (a.kind === 'macro' ? a.def : undefined)) };
  }
}

function asLookup(e: Entry): Lookup {
  return e.kind === 'define' ? { kind: 'macro', def: e } : { kind: 'undef', ordinal: e.ordinal };
}

function signatureOf(l: Lookup): string {
  if (l.kind === 'macro') return `${l.def.params ? `(${l.def.params.join(',')})` : ''}${l.def.body}`;
  if (l.kind === 'conditional') return `?${l.defs.map((d) => d?.body ?? '-').join('|')}`;
  return '-';
}
