// Inlay hints: a #define's value after its body, a region index's fd offset
// after each use, and what a memory field ends up as for the active device
// after the assignment that sets it.
import type { InlayHintFact } from '../../analysis';
import { hex, human, regionOffset } from '../../model';
import type { ActiveProfile } from '../../profiles/activeProfile';
import type { DriverModel } from './driver';
import { prefersHex, profileLine, valueText } from './format';
import { memFieldValue } from './hoverText';
import { parseIntLiteral } from './cTypes';

export function regionLabel(index: number): string {
  return `= ${index} → ${hex(regionOffset(index))}`;
}

export function driverHints(d: DriverModel, p: ActiveProfile, position: (offset: number) => InlayHintFact['position']): InlayHintFact[] {
  const out: InlayHintFact[] = [];
  const roleOfDefine = new Map(d.roles.map((r) => [r.define, r]));
  for (const f of d.defines) {
    const e = f.evaluation;
    if (!e?.result.ok || f.bodySpan.end <= f.bodySpan.start) continue;
    const role = roleOfDefine.get(f);
    if (role) {
      out.push({ position: position(f.bodySpan.end), label: regionLabel(role.index) });
      continue;
    }
    // A body that is just a number says its value already.
    if (parseIntLiteral(f.def.body.trim()).ok) continue;
    out.push({ position: position(f.bodySpan.end), label: `= ${valueText(e.result.value, prefersHex(e))}` });
  }
  for (const u of d.regionUses) out.push({ position: position(u.ident.end), label: regionLabel(u.index) });
  for (const m of d.memFields) {
    if (!m.last) continue;
    const v = memFieldValue(m, p);
    const label = v.value !== undefined ? `→ ${m.field === 'memphys' ? hex(v.value) : human(v.value)}` : m.role === 'resmem' && p.layout.ok ? '→ no resmem' : '→ probe fails';
    out.push({
      // An out-parameter (check_add_overflow(…, &x)) often sits in an if condition: the hint goes right after it.
      position: position(m.assignment.via === 'out-param' ? m.assignment.targetSpan.end : m.assignment.statementEnd),
      label,
      tooltip: () => `${m.role}.${m.field} after probe${v.value !== undefined ? `: \`${hex(v.value)}\` (${human(v.value)})` : `: ${v.why}`}  \n${profileLine(p)}`,
    });
  }
  return out;
}
