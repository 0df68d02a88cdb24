// nvgrace-gpu's emulated BAR register as a guest reads it (domain rule NVG027):
// after open or reset, and after the all-ones sizing write. The C analyzer's
// config-window hovers and the lspci hex-dump hovers both render it here.
import { barReadValue, hex, sizingReadBack } from '../model';

const dword = (v: bigint, i: number) => `\`0x${((v >> BigInt(32 * i)) & 0xffff_ffffn).toString(16).padStart(8, '0')}\``;

/** What a guest reads from the emulated BAR register, after reset and after the sizing write. */
export function registerTable(barSize: bigint, firstDword: number, dwords: number, base: number): string[] {
  const cols = Array.from({ length: dwords }, (_, i) => firstDword + i);
  const reset = barReadValue(0n, barSize);
  const sized = sizingReadBack(barSize);
  return [
    `| guest reads | ${cols.map((c) => `\`${hex(base + 4 * c)}\``).join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    `| after open or reset | ${cols.map((c) => dword(reset, c)).join(' | ')} |`,
    `| after writing all ones | ${cols.map((c) => dword(sized, c)).join(' | ')} |`,
  ];
}
