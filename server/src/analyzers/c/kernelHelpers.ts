// The kernel's helper macros (BIT, GENMASK, ALIGN, round_down, …) as data:
// each is written from its documented meaning, not from the header's text,
// and evaluates on exact integers with C's types.
import { U64_MAX, VFIO, isPowerOfTwo, pageShift } from '../../model';
import { CType, INT, ULLONG, ULONG, common, maxOf, minOf, promote, typeOfSuffix, wrap } from './cTypes';
import type { Eval, HelperApi } from './evaluator';
import { ok, unknown } from './evaluator';
import type { Expr } from './expr';
import { U64, isKernelConstant } from './kernelConstants';

export interface KernelHelper {
  readonly name: string;
  readonly params: readonly string[];
  readonly header: string;
  readonly meaning: string;
  apply(args: readonly Expr[], api: HelperApi): Eval;
}

type Args = readonly Expr[];
type Ok = Extract<Eval, { ok: true }>;

/** Evaluates every argument; the first unknown one decides. */
function values(args: Args, api: HelperApi): Ok[] | Eval {
  const out: Ok[] = [];
  for (const a of args) {
    const v = api.value(a);
    if (!v.ok) return v;
    out.push(v);
  }
  return out;
}

function helper(name: string, params: string[], header: string, meaning: string, body: (v: Ok[], api: HelperApi, args: Args) => Eval): KernelHelper {
  return {
    name,
    params,
    header,
    meaning,
    apply(args, api) {
      if (args.length !== params.length) return unknown(`${name}() takes ${params.length} argument${params.length === 1 ? '' : 's'}, not ${args.length}`);
      const v = values(args, api);
      return Array.isArray(v) ? body(v, api, args) : v;
    },
  };
}

function bit(name: string, ty: CType, header: string) {
  return helper(name, ['nr'], header, `${ty.name} with only bit nr set`, ([nr], api) => {
    if (nr.value < 0n || nr.value >= 64n) {
      api.problem('overflow64', `${name}(${nr.value}): bit ${nr.value} does not exist in a 64-bit ${ty.name}`);
      return unknown(`${name}(${nr.value}) has no defined result`);
    }
    return ok(1n << nr.value, ty);
  });
}

function genmask(name: string, ty: CType) {
  return helper(name, ['h', 'l'], 'linux/bits.h', `${ty.name} with bits l…h set`, ([h, l], api) => {
    if (h.value >= 64n || l.value < 0n || l.value > h.value) {
      api.problem('overflow64', `${name}(${h.value}, ${l.value}): needs 0 ≤ l ≤ h < 64 (the kernel refuses to build it)`);
      return unknown(`${name}(${h.value}, ${l.value}) is invalid`);
    }
    return ok(((1n << (h.value + 1n)) - 1n) & ~((1n << l.value) - 1n), ty);
  });
}

/** round_up/round_down/ALIGN need a power of two: they work by masking. */
function alignment(name: string, a: Ok, api: HelperApi): void {
  if (!isPowerOfTwo(a.value)) api.problem('notPow2', `${name}() needs a power-of-two alignment; ${hexOf(a.value)} is not one, so the mask arithmetic gives a wrong result`);
}

function hexOf(v: bigint): string {
  return v < 0n ? v.toString() : '0x' + v.toString(16);
}

function maskOps(x: Ok, a: Ok): { ty: CType; mask: bigint; xv: bigint } {
  // The kernel casts the alignment to typeof(x) before subtracting one.
  const ty = promote(x.type);
  return { ty, mask: wrap(wrap(a.value, x.type) - 1n, ty), xv: wrap(x.value, ty) };
}

function fls(v: bigint): bigint {
  return v <= 0n ? 0n : BigInt(v.toString(2).length);
}

function minmax(name: string, pick: (a: bigint, b: bigint) => boolean): KernelHelper {
  return helper(name, ['x', 'y'], 'linux/minmax.h', `the ${name === 'min' ? 'smaller' : 'larger'} of x and y`, ([x, y]) => {
    const ty = common(x.type, y.type);
    const a = wrap(x.value, ty);
    const b = wrap(y.value, ty);
    return ok(pick(a, b) ? a : b, ty);
  });
}

function typedMinmax(name: string, pick: (a: bigint, b: bigint) => boolean): KernelHelper {
  return {
    name,
    params: ['type', 'x', 'y'],
    header: 'linux/minmax.h',
    meaning: `x and y cast to type, then the ${name.startsWith('min') ? 'smaller' : 'larger'}`,
    apply(args, api) {
      if (args.length !== 3) return unknown(`${name}() takes 3 arguments`);
      const ty = api.typeArg(args[0]);
      if (!ty) return unknown(`${name}(): the first argument is not an integer type vfio-lens knows`);
      const v = values(args.slice(1), api);
      if (!Array.isArray(v)) return v;
      const a = wrap(v[0].value, ty);
      const b = wrap(v[1].value, ty);
      return ok(pick(a, b) ? a : b, ty);
    },
  };
}

function typeBound(name: string, which: 'max' | 'min'): KernelHelper {
  return {
    name,
    params: ['type'],
    header: 'linux/overflow.h',
    meaning: `the ${which === 'max' ? 'largest' : 'smallest'} value of an integer type`,
    apply(args, api) {
      const ty = args.length === 1 ? api.typeArg(args[0]) : undefined;
      if (!ty) return unknown(`${name}(): not an integer type vfio-lens knows`);
      return ok(which === 'max' ? maxOf(ty) : minOf(ty), ty);
    },
  };
}

function suffixed(name: string, suffix: string | undefined): KernelHelper {
  const params = suffix ? ['x'] : ['x', 'suffix'];
  return {
    name,
    params,
    header: 'linux/const.h',
    meaning: suffix ? `x with the ${suffix} suffix` : 'x with the given literal suffix',
    apply(args, api) {
      if (args.length !== params.length) return unknown(`${name}() takes ${params.length} argument(s)`);
      const sfx = suffix ?? (args[1].k === 'id' ? args[1].name : '');
      const ty = typeOfSuffix(sfx);
      if (!ty) return unknown(`${name}(): "${sfx}" is not an integer suffix`);
      const v = api.value(args[0]);
      return v.ok ? ok(wrap(v.value, ty), ty) : v;
    },
  };
}

const HELPERS: KernelHelper[] = [
  bit('BIT', ULONG, 'linux/bits.h'),
  bit('BIT_ULL', ULLONG, 'linux/bits.h'),
  genmask('GENMASK', ULONG),
  genmask('GENMASK_ULL', ULLONG),
  helper('ALIGN', ['x', 'a'], 'linux/align.h', 'x rounded up to a multiple of a (a power of two)', ([x, a], api) => {
    alignment('ALIGN', a, api);
    const { ty, mask, xv } = maskOps(x, a);
    return ok(wrap((xv + mask) & ~mask, ty), ty);
  }),
  helper('ALIGN_DOWN', ['x', 'a'], 'linux/align.h', 'x rounded down to a multiple of a (a power of two)', ([x, a], api) => {
    alignment('ALIGN_DOWN', a, api);
    const { ty, mask, xv } = maskOps(x, a);
    return ok(wrap(xv & ~mask, ty), ty);
  }),
  helper('IS_ALIGNED', ['x', 'a'], 'linux/align.h', 'whether x is a multiple of a (a power of two)', ([x, a], api) => {
    alignment('IS_ALIGNED', a, api);
    const { mask, xv } = maskOps(x, a);
    return ok((xv & mask) === 0n ? 1n : 0n, INT);
  }),
  helper('round_up', ['x', 'y'], 'linux/math.h', 'x rounded up to a multiple of y (a power of two)', ([x, y], api) => {
    alignment('round_up', y, api);
    const { ty, mask, xv } = maskOps(x, y);
    return ok(wrap(((xv - 1n) | mask) + 1n, ty), ty);
  }),
  helper('round_down', ['x', 'y'], 'linux/math.h', 'x rounded down to a multiple of y (a power of two)', ([x, y], api) => {
    alignment('round_down', y, api);
    const { ty, mask, xv } = maskOps(x, y);
    return ok(wrap(xv & ~mask, ty), ty);
  }),
  helper('roundup_pow_of_two', ['n'], 'linux/log2.h', 'smallest power of two ≥ n', ([n], api) => {
    const v = wrap(n.value, ULONG);
    if (v === 0n) return unknown('roundup_pow_of_two(0) has no defined result');
    if (v > 1n << 63n) {
      api.problem('overflow64', `roundup_pow_of_two(${hexOf(v)}) needs 2^64, which does not fit in 64 bits`);
      return unknown('roundup_pow_of_two past 2^63 does not fit in 64 bits');
    }
    return ok(v === 1n ? 1n : 1n << fls(v - 1n), ULONG);
  }),
  helper('rounddown_pow_of_two', ['n'], 'linux/log2.h', 'largest power of two ≤ n', ([n]) => {
    const v = wrap(n.value, ULONG);
    return v === 0n ? unknown('rounddown_pow_of_two(0) has no defined result') : ok(1n << (fls(v) - 1n), ULONG);
  }),
  helper('is_power_of_2', ['n'], 'linux/log2.h', 'whether n is a power of two', ([n]) => ok(isPowerOfTwo(wrap(n.value, ULONG)) ? 1n : 0n, INT)),
  helper('ilog2', ['n'], 'linux/log2.h', 'floor(log2(n))', ([n]) => (n.value <= 0n ? unknown('ilog2 of 0 has no defined result') : ok(fls(wrap(n.value, ULLONG)) - 1n, INT))),
  helper('DIV_ROUND_UP', ['n', 'd'], 'linux/math.h', 'n / d rounded up', ([n, d]) => {
    if (d.value === 0n) return unknown('division by zero');
    const ty = common(n.type, d.type);
    const a = wrap(n.value, ty);
    const b = wrap(d.value, ty);
    return ok(wrap((a + b - 1n) / b, ty), ty);
  }),
  helper('lower_32_bits', ['n'], 'linux/kernel.h', 'bits 31:0 of n, as u32', ([n]) => ok(n.value & 0xffff_ffffn, { bits: 32, unsigned: true, name: 'u32' })),
  helper('upper_32_bits', ['n'], 'linux/kernel.h', 'bits 63:32 of n, as u32', ([n]) => ok((wrap(n.value, ULLONG) >> 32n) & 0xffff_ffffn, { bits: 32, unsigned: true, name: 'u32' })),
  minmax('min', (a, b) => a <= b),
  minmax('max', (a, b) => a >= b),
  typedMinmax('min_t', (a, b) => a <= b),
  typedMinmax('max_t', (a, b) => a >= b),
  typeBound('type_max', 'max'),
  typeBound('type_min', 'min'),
  suffixed('_AC', undefined),
  suffixed('UL', 'UL'),
  suffixed('ULL', 'ULL'),
  suffixed('_UL', 'UL'),
  suffixed('_ULL', 'ULL'),
  helper('VFIO_PCI_INDEX_TO_OFFSET', ['index'], 'linux/vfio_pci_core.h', 'device-fd offset of VFIO region index: index << 40', ([i], api) => {
    const v = (wrap(i.value, U64) << VFIO.PCI_OFFSET_SHIFT);
    if (v > U64_MAX) api.problem('overflow64', `region index ${i.value} << 40 does not fit in 64 bits`);
    return ok(wrap(v, U64), U64);
  }),
  helper('VFIO_PCI_OFFSET_TO_INDEX', ['off'], 'linux/vfio_pci_core.h', 'VFIO region index of a device-fd offset: off >> 40', ([o]) => ok(promote(o.type).unsigned ? wrap(o.value, promote(o.type)) >> VFIO.PCI_OFFSET_SHIFT : o.value >> VFIO.PCI_OFFSET_SHIFT, promote(o.type))),
  helper('PFN_PHYS', ['pfn'], 'linux/pfn.h', 'physical address of page frame pfn', ([p], api) => {
    const ty: CType = { bits: 64, unsigned: true, name: 'phys_addr_t' };
    const v = wrap(p.value, ty) << pageShift(api.pageSize);
    if (v > U64_MAX) api.problem('overflow64', `PFN ${hexOf(p.value)} << PAGE_SHIFT does not fit in 64 bits`);
    return ok(wrap(v, ty), ty);
  }),
  helper('PHYS_PFN', ['x'], 'linux/pfn.h', 'page frame number of physical address x', ([x], api) => ok(wrap(x.value, ULONG) >> pageShift(api.pageSize), ULONG)),
  helper('PFN_DOWN', ['x'], 'linux/pfn.h', 'page frame number containing x', ([x], api) => ok(wrap(x.value, ULONG) >> pageShift(api.pageSize), ULONG)),
  helper('PFN_UP', ['x'], 'linux/pfn.h', 'page frame number of x rounded up', ([x], api) => {
    const size = 1n << pageShift(api.pageSize);
    return ok(wrap(wrap(x.value, ULONG) + size - 1n, ULONG) >> pageShift(api.pageSize), ULONG);
  }),
];

export const KERNEL_HELPERS: ReadonlyMap<string, KernelHelper> = new Map(HELPERS.map((h) => [h.name, h]));

/** Whether a name belongs to the kernel's headers as vfio-lens knows them. */
export function isKernelName(name: string): boolean {
  return isKernelConstant(name) || KERNEL_HELPERS.has(name);
}
