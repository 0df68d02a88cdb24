// Hostile text: what a server meets in a long editing session. Huge numbers,
// deep nesting, macro cycles, 100 KB lines, invalid UTF-8 and NUL bytes, and
// small well-formed documents of each language to mutate into these.
import type { Rng } from './rng';

/** Numbers past 64 bits, at the edges of a double's precision, and malformed ones. */
export const HUGE_NUMBERS = [
  '0xffffffffffffffffffff',
  '0x10000000000000000',
  '0xffffffffffffffff',
  '0xFFFFFFFFFFFFFFFF',
  '18446744073709551616',
  '18446744073709551615',
  '0x8000000000000000',
  '0x7fffffffffffffff',
  '9007199254740993',
  '0x20000000000001',
  '0x1fffffffffffff',
  '99999999999999999999999999999999999999999999999999',
  '0x' + 'f'.repeat(200),
  '1' + '0'.repeat(400),
  '-1',
  '-0x1',
  '0x',
  '0',
  '00',
  '1e309',
  '1.5',
  'NaN',
  'Infinity',
  '0b1111',
  '0xFFFF_FFFF',
  '18446744073709551615ULL',
  '0x400000000000UL',
];

/** Characters and sequences that break naive text handling. */
export const ODD_PIECES = ['\u0000', '\uFFFD', '\uD800', '\uDFFF', '\uD83D\uDE00', '\u2028', '\u2029', '\r', '\r\n', '\n', '\uFEFF', 'e\u0301', '\t', '\\', '"', "'", '`', '\u001b[31m', '\x7f', '\u00a0', '\\\n', '*/', '/*', '<!--', ']]>', '&#x110000;', '&#0;', '$((', '${', '"\\u0000"'];

/** A small document of each language in the shape vfio-lens reads; `$N` marks number slots. */
export const TEMPLATES: Record<string, readonly string[]> = {
  c: [
    '#include <linux/sizes.h>\n#define MEMBLK_SIZE SZ_512M\n#define RESMEM_SIZE SZ_1G\n#define GPU_MEM_BASE $N\n\nstatic u64 usemem_len(u64 memlength)\n{\n\treturn round_down(memlength - RESMEM_SIZE, MEMBLK_SIZE) + $N;\n}\n\nstatic const struct pci_device_id nvgrace_gpu_vfio_pci_table[] = {\n\t{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },\n\t{}\n};\n',
    '#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX\n#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX\nu64 bar = roundup_pow_of_two($N);\nu64 off = VFIO_PCI_INDEX_TO_OFFSET(USEMEM_REGION_INDEX) + $N;\n',
  ],
  json: [
    '{\n  "kernel": "mainline",\n  "pageSize": 65536,\n  "devices": [\n    { "name": "a", "bdf": "0009:01:00.0", "memphys": "$N", "memlength": "$N" },\n    { "name": "b", "sku": "gb200", "memphys": $N }\n  ]\n}\n',
  ],
  jsonc: ['// devices\n{ "devices": [ { "name": "x", "memlength": "$N", /* base */ "memphys": "$N" } ] }\n'],
  asl: [
    'DefinitionBlock ("", "SSDT", 2, "NVIDIA", "GPUDSD", $N)\n{\n    Device (GPU0)\n    {\n        Name (_ADR, $N)\n        Name (_DSD, Package ()\n        {\n            ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),\n            Package ()\n            {\n                Package () { "nvidia,gpu-mem-base-pa", $N },\n                Package () { "nvidia,gpu-mem-size", $N }\n            }\n        })\n    }\n}\n',
  ],
  shellscript: [
    '#!/bin/sh\nMEM=$N\nqemu-system-aarch64 -machine virt,highmem-mmio-size=$N -m $N \\\n  -object memory-backend-ram,id=m0,size=$N \\\n  -numa node,nodeid=0,memdev=m0 \\\n  -device vfio-pci-nohotplug,host=0009:01:00.0,bus=pcie.0 \\\n  -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=$N\necho 0009:01:00.0 > /sys/bus/pci/drivers/nvgrace_gpu_vfio_pci/bind\n',
  ],
  xml: [
    "<domain type='kvm'>\n  <memory unit='KiB'>$N</memory>\n  <cpu><numa><cell id='0' cpus='0-3' memory='$N' unit='KiB'/></numa></cpu>\n  <devices>\n    <hostdev mode='subsystem' type='pci' managed='yes'>\n      <driver name='vfio'/>\n      <source><address domain='0x0009' bus='0x01' slot='0x00' function='0x0'/></source>\n      <acpi nodeset='$N'/>\n    </hostdev>\n  </devices>\n  <features><acpi/></features>\n</domain>\n",
  ],
  lspci: [
    '0009:01:00.0 3D controller [0302]: NVIDIA Corporation GH100 [GH200 480GB] [10de:2342] (rev a1)\n\tRegion 0: Memory at $N (64-bit, prefetchable) [size=16M]\n\tRegion 2: Memory at $N (64-bit, prefetchable) [size=$N]\n\tRegion 4: Memory at a000000000 (64-bit, prefetchable) [size=128G]\n\tKernel driver in use: nvgrace_gpu_vfio_pci\n',
  ],
};

/** A template with every `$N` filled (the caller picks numbers). */
export function fillTemplate(template: string, rng: Rng): string {
  return template.replace(/\$N/g, () => (rng.chance(0.7) ? rng.pick(HUGE_NUMBERS) : `0x${rng.u32().toString(16)}${rng.u32().toString(16)}`));
}

/** `depth` levels of the language's own nesting, closed or (truncated) left open. */
export function nesting(languageId: string, depth: number, rng: Rng): string {
  const closed = rng.chance(0.7);
  const wrap = (open: string, inner: string, close: string, before = '', after = '') => before + open.repeat(depth) + inner + (closed ? close.repeat(depth) : '') + after;
  switch (languageId) {
    case 'c':
      return rng.pick([
        () => wrap('(', 'SZ_1G', ')', '#define RESMEM_SIZE ', '\n'),
        () => wrap('(', '1', ')', 'static u64 x = ', ';\n'),
        () => wrap('{', '', '}', 'void f(void) ', '\n'),
        () => wrap('#if 1\n', 'int a;\n', '#endif\n'),
        () => wrap('- ', '1', '', 'int y = ', ';\n'),
        () => wrap('a ? ', 'b', ' : c', 'int z = ', ';\n'),
        () => wrap('f(', 'x', ')', '#define G ', '\n'),
      ])();
    case 'json':
    case 'jsonc':
      return rng.pick([() => wrap('[', '1', ']', '{"devices":', '}'), () => wrap('{"a":', '1', '}'), () => wrap('{"devices":[', '', ']}')])();
    case 'asl':
      return rng.pick([
        () => wrap('Package () {', '"nvidia,gpu-mem-size"', '}', 'DefinitionBlock ("", "SSDT", 2, "N", "T", 1) { Name (_DSD, ', ') }'),
        () => wrap('Scope (\\_SB) {', '', '}'),
        () => wrap('Add (', '1', ', 1)', 'Name (X, ', ')'),
        () => wrap('Device (GPU0) {', '', '}'),
      ])();
    case 'shellscript':
      return rng.pick([
        () => wrap('$(', 'echo', ')', 'qemu-system-aarch64 -m ', '\n'),
        () => wrap('$((', '1', '))', 'M=', '\n'),
        () => wrap('{ ', 'true;', ' }', '', '\n'),
        () => wrap('"$(echo ', 'x', ')"', 'A=', '\n'),
        () => wrap('if true; then ', ':', '; fi', '', '\n'),
      ])();
    case 'xml':
      return rng.pick([
        () => wrap('<a>', '', '</a>', "<domain type='kvm'><devices>", '</devices></domain>'),
        () => wrap('<hostdev mode="subsystem" type="pci">', '', '</hostdev>', "<domain type='kvm'><devices>", '</devices></domain>'),
        () => wrap('<!--', '', '-->', '<domain>', '</domain>'),
      ])();
    case 'lspci':
      return '0009:01:00.0 3D controller [0302]: NVIDIA Corporation GH100 [10de:2342]\n' + wrap('\t', 'Region 2: Memory at 400000000000 (64-bit, prefetchable) [size=1G]', '', '', '\n');
    default:
      return wrap('([{<', 'x', '>}])');
  }
}

/** Preprocessor cycles and self-references, around the names the driver uses. */
export function macroCycles(rng: Rng): string {
  const n = rng.pick([2, 3, 10, 1000]);
  return rng.pick([
    () => '#define A B\n#define B A\nstatic u64 x = A;\n',
    () => '#define MEMBLK_SIZE SZ_512M\n#define SZ_512M MEMBLK_SIZE\n#define RESMEM_SIZE (MEMBLK_SIZE * 2)\nu64 r = RESMEM_SIZE;\n',
    () => '#define SZ_1G (SZ_1G + 1)\n#define X X\nu64 a = SZ_1G + X;\n',
    () => '#define F(x) G(x)\n#define G(x) F(x)\nu64 b = F(1);\n',
    () => Array.from({ length: n }, (_, i) => `#define M${i} M${(i + 1) % n}\n`).join('') + 'u64 c = M0;\n',
    () => Array.from({ length: n }, (_, i) => `#define D${i} (D${i + 1} + D${i + 1})\n`).join('') + `#define D${n} 1\nu64 d = D0;\n`,
    () => '#define RESMEM_REGION_INDEX USEMEM_REGION_INDEX\n#define USEMEM_REGION_INDEX RESMEM_REGION_INDEX\nu64 o = VFIO_PCI_INDEX_TO_OFFSET(RESMEM_REGION_INDEX);\n',
    () => '#define CAT(a, b) a ## b\n#define XCAT(a, b) CAT(a, b)\n#define SZ XCAT(SZ_, 1G)\n#undef SZ_1G\n#define SZ_1G SZ\nu64 s = SZ;\n',
  ])();
}

/** One line of about `size` characters, made of the language's own kind of content. */
export function longLine(languageId: string, size: number, rng: Rng): string {
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length));
  switch (languageId) {
    case 'c':
      return rng.pick([() => `u64 x = ${fill('1 + ')}1;\n`, () => `#define LONG ${fill('SZ_1G')}\n`, () => `/* ${fill('x')} */\n`])();
    case 'json':
    case 'jsonc':
      return rng.pick([() => `{"devices":[{"name":"${fill('a')}","sku":"gh200-96gb"}]}`, () => `{"devices":[${fill('{"name":"g","sku":"gb200"},')}{"name":"z"}]}`])();
    case 'asl':
      return `Name (LONG, "${fill('a')}")\nName (_DSD, Package () { ${fill('0xFFFFFFFFFFFFFFFF, ')}0 })\n`;
    case 'shellscript':
      return rng.pick([() => `qemu-system-aarch64 ${fill('-device vfio-pci,host=0009:01:00.0 ')}\n`, () => `X="${fill('a')}"\n`, () => `qemu-system-aarch64 -m ${fill('9')}\n`])();
    case 'xml':
      return `<domain type="kvm"><devices><hostdev mode="subsystem" type="pci" note="${fill('x')}"/></devices></domain>\n`;
    case 'lspci':
      return `0009:01:00.0 3D controller [0302]: NVIDIA ${fill('GH100 ')}[10de:2342]\n\tRegion 4: Memory at ${fill('f')} (64-bit, prefetchable) [size=128G]\n`;
    default:
      return fill('abc ') + '\n';
  }
}

/** Random bytes read as UTF-8 (invalid sequences become U+FFFD) or Latin-1 (NULs and C1 controls). */
export function randomBytesText(rng: Rng, n: number): string {
  return rng.bytes(n).toString(rng.chance(0.5) ? 'utf8' : 'latin1');
}

/** Words, punctuation and spaces of a language's own texts, shuffled. */
export function tokensOf(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/\w+|[^\w\s]+|\s+/g)) if (out.size < 5000) out.add(m[0]);
  return [...out];
}

export function tokenSoup(tokens: readonly string[], rng: Rng, count: number): string {
  const pool = tokens.length ? tokens : ['a', ' ', '\n', '(', ')'];
  let s = '';
  for (let i = 0; i < count; i++) s += rng.chance(0.05) ? rng.pick(rng.chance(0.5) ? HUGE_NUMBERS : ODD_PIECES) : rng.pick(pool);
  return s;
}
