// The fake-BAR registers in an `lspci -x` hex dump (config space 0x18–0x27):
// where their bytes are, the value lspci read, and what nvgrace-gpu's
// emulation returns for them (domain rule NVG027), as hover Markdown.
import { BAR_REGISTER_FLAGS_TEXT, EMULATED_BAR_FLAGS, EMULATED_WINDOWS, REGION_ROLES, VFIO_REGIONS, hex, human } from '../../model';
import type { ResolvedDevice } from '../../profiles/activeProfile';
import { registerTable } from '../barRegisterMarkdown';
import type { LspciDevice, Span } from './lspciParse';
import { Side, fakeBarSize, regionKind } from './lspciView';

const REGISTER_BYTES = 8;

export interface DumpRegister {
  readonly regionIndex: number;
  /** Config offset of the low dword. */
  readonly offset: number;
  /** The 64-bit little-endian value lspci read. */
  readonly value: bigint;
  /** The register's bytes in the dump, one span per dump line. */
  readonly spans: readonly Span[];
}

/** The emulated BAR registers whose eight bytes all appear in the dump. */
export function dumpRegisters(d: LspciDevice): DumpRegister[] {
  const out: DumpRegister[] = [];
  for (const w of EMULATED_WINDOWS) {
    let value = 0n;
    let found = 0;
    const spans = new Map<number, Span>();
    for (const l of d.config) {
      // Only the bytes of this line that fall in the register.
      const lo = Math.max(w.start, l.offset);
      const hi = Math.min(w.start + REGISTER_BYTES, l.offset + l.bytes.length);
      if (lo >= hi) continue;
      for (let at = lo; at < hi; at++) value |= BigInt(l.bytes[at - l.offset]) << BigInt(8 * (at - w.start));
      found += hi - lo;
      const first = l.columns[lo - l.offset];
      const last = l.columns[hi - 1 - l.offset] + 2;
      const s = spans.get(l.line);
      spans.set(l.line, { line: l.line, start: s ? Math.min(s.start, first) : first, end: s ? Math.max(s.end, last) : last });
    }
    // A dump pasted twice repeats bytes; only a register seen exactly once is read.
    if (found === REGISTER_BYTES) out.push({ regionIndex: w.regionIndex, offset: w.start, value, spans: [...spans.values()] });
  }
  return out;
}

function title(r: DumpRegister): string {
  const name = VFIO_REGIONS[r.regionIndex].name;
  return `**\`${hex(r.offset)}\`–\`${hex(r.offset + REGISTER_BYTES - 1)}\` ${name} register** — lspci read \`0x${r.value.toString(16).padStart(16, '0')}\`: address \`${hex(r.value & ~0xfn)}\`, flags \`${hex(r.value & 0xfn)}\``;
}

/** Whether a guest's read can come from the emulation: flags 0xc and an address aligned to the BAR size. */
function verdict(value: bigint, barSize: bigint): string {
  const flagsOk = (value & 0xfn) === EMULATED_BAR_FLAGS;
  const alignedOk = (value & ~0xfn) % barSize === 0n;
  if (flagsOk && alignedOk) return `✓ flags \`${hex(EMULATED_BAR_FLAGS)}\` and an address aligned to ${human(barSize)}: a value the emulation returns.`;
  const wrong = [!flagsOk ? `flags \`${hex(value & 0xfn)}\`, not \`${hex(EMULATED_BAR_FLAGS)}\`` : '', !alignedOk ? `an address not aligned to ${human(barSize)}` : ''].filter(Boolean).join(' and ');
  return `✗ ${wrong}: the emulation cannot return this — the host did not give the GPU through nvgrace-gpu, or the BAR is not ${human(barSize)}.`;
}

export function dumpRegisterMarkdown(r: DumpRegister, side: Side, device: ResolvedDevice, why: string): string {
  const kind = regionKind(r.regionIndex, device.layout);
  const lines = [title(r), ''];
  if (kind !== 'usemem' && kind !== 'resmem') {
    lines.push(
      device.layout.ok
        ? `Not emulated by nvgrace-gpu: ${why} has no resmem, so region ${r.regionIndex} is the physical BAR, which vfio-pci core virtualizes.`
        : `Not emulated by nvgrace-gpu: for ${why} the layout fails (${device.layout.error}), so there are no fake BARs.`,
    );
    return lines.join('\n');
  }
  const barSize = fakeBarSize(kind, device.layout)!;
  lines.push(
    side === 'host'
      ? `The host's physical register. In a VM, nvgrace-gpu emulates it as the ${REGION_ROLES[kind].what}, BAR size \`${hex(barSize)}\` (${human(barSize)}) per ${why}:`
      : `Emulated by nvgrace-gpu: ${REGION_ROLES[kind].what}, BAR size \`${hex(barSize)}\` (${human(barSize)}) per ${why}:`,
    '',
    ...registerTable(barSize, 0, 2, r.offset),
    '',
    `read = (stored & ~(BAR size − 1)) | 0xc (${BAR_REGISTER_FLAGS_TEXT}); the guest derives the size from the all-ones read-back.`,
  );
  if (side === 'guest') lines.push('', verdict(r.value, barSize));
  return lines.join('\n');
}
