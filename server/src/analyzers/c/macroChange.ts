// What changed between two macro tables of one file, so that facts resting
// on the old one can be kept: an edit to a #define's value changes the
// lookups of that one name; a directive added, removed or moved changes
// where every later point stands, and nothing is kept.
import type { Directive, GroupPath } from './preprocessor';

function samePath(a: GroupPath, b: GroupPath): boolean {
  return a.length === b.length && a.every((s, i) => s.group === b[i].group && s.branch === b[i].branch);
}

/**
 * The macro names whose definitions differ, when both lists have the same
 * directives in the same places (kinds, ordinals, #if groups); undefined when
 * they do not, and every lookup may resolve differently.
 */
export function changedNames(prev: readonly Directive[], next: readonly Directive[]): Set<string> | undefined {
  if (prev.length !== next.length) return undefined;
  const changed = new Set<string>();
  for (let i = 0; i < prev.length; i++) {
    const a = prev[i];
    const b = next[i];
    if (a.kind !== b.kind || a.ordinal !== b.ordinal || !samePath(a.path, b.path)) return undefined;
    if (a.kind === 'group' && b.kind === 'group') {
      if (a.hasElse !== b.hasElse || a.branches !== b.branches) return undefined;
    } else if (a.kind === 'branch' && b.kind === 'branch') {
      if (a.group !== b.group) return undefined;
    } else if ((a.kind === 'define' && b.kind === 'define') || (a.kind === 'undef' && b.kind === 'undef')) {
      if (a.name !== b.name) {
        changed.add(a.name);
        changed.add(b.name);
      } else if (a.kind === 'define' && b.kind === 'define' && (a.body !== b.body || a.variadic !== b.variadic || a.params?.join(',') !== b.params?.join(','))) {
        changed.add(a.name);
      }
    }
  }
  return changed;
}

/** Names a set holds on one side only. */
export function setDifference(a: ReadonlySet<string>, b: ReadonlySet<string>, into: Set<string>): void {
  for (const n of a) if (!b.has(n)) into.add(n);
  for (const n of b) if (!a.has(n)) into.add(n);
}
