// Cases for `vfio-lens emulate --jsonl`, in the documented contract: SKUs'
// memory sizes on both kernel generations, and the guest's usual sequence
// (size a BAR, read it back, reset, touch memory and padding, mmap, ask
// for region info). Deterministic.
const SIZES = ['0x1800000000', '0x2400000000', '0x2f00000000', '0x3000000000', '0x4000000000', '0x1000000000'];
const KERNELS = ['6.9', '6.13', '6.14', 'mainline'];

export function emulateCase(i: number): string {
  const memlength = SIZES[i % SIZES.length];
  const c = {
    kernel: KERNELS[i % KERNELS.length],
    memphys: `0x${(0x400000000000 + (i % 4) * 0x10000000000).toString(16)}`,
    memlength,
    migHwBug: i % 3 !== 0,
    pageSize: i % 2 ? 65536 : 4096,
    ops: [
      { op: 'configWrite', offset: i % 2 ? 0x20 : 0x18, width: 4, value: '0xffffffff' },
      { op: 'configRead', offset: i % 2 ? 0x20 : 0x18, width: 4 },
      { op: 'reset' },
      { op: 'regionRead', index: 4, offset: `0x${(i * 0x1000).toString(16)}`, count: '0x1000' },
      { op: 'regionWrite', index: 2, offset: '0x0', count: '0x10' },
      { op: 'mmap', pgoff: '0x4000000', length: '0x20000' },
      { op: 'regionInfo', index: i % 2 ? 2 : 4 },
    ],
  };
  return JSON.stringify(c);
}

export function emulateCases(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(emulateCase(i));
  return lines.join('\n') + '\n';
}
