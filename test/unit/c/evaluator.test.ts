// The constant evaluator on its own: C literal types and conversions (LP64),
// the kernel helper macros, and every way a value can fail to exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatorFor, valueOf } from './evalHelpers';

test('literals take the first type that holds them (C11 6.4.4.1, LP64)', async () => {
  const ev = await evaluatorFor('');
  const typeOf = (t: string) => {
    const e = ev(t);
    assert.ok(e.result.ok, t);
    return e.result.type.name;
  };
  assert.equal(typeOf('0x7fffffff'), 'int');
  assert.equal(typeOf('0x80000000'), 'unsigned int');
  assert.equal(typeOf('2147483648'), 'long'); // decimal never becomes unsigned
  assert.equal(typeOf('0x100000000'), 'long');
  assert.equal(typeOf('0xffffffffffffffff'), 'unsigned long');
  assert.equal(typeOf('1ULL'), 'unsigned long long');
  assert.equal(typeOf('1u'), 'unsigned int');
  assert.equal(valueOf(ev('0x10000000000000000')), 'unknown: 0x10000000000000000 does not fit in 64 bits');
  assert.equal(ev('0x10000000000000000').problems[0]?.kind, 'overflow64');
  assert.equal(valueOf(ev("'A' + 1")), 66n);
  assert.equal(valueOf(ev('010')), 8n);
});

test('the usual arithmetic conversions decide signedness and width', async () => {
  const ev = await evaluatorFor('');
  assert.equal(valueOf(ev('-1 < 0U')), 0n, '-1 converts to UINT_MAX');
  assert.equal(valueOf(ev('-1 < 0L')), 1n);
  assert.equal(valueOf(ev('-1L < 0U')), 1n, 'long holds every unsigned int');
  assert.equal(valueOf(ev('~0U')), 0xffff_ffffn);
  assert.equal(valueOf(ev('~0UL')), 0xffff_ffff_ffff_ffffn);
  assert.equal(valueOf(ev('-1U')), 0xffff_ffffn, 'negating unsigned wraps by definition, no problem');
  assert.deepEqual(ev('-1U').problems, []);
  assert.equal(valueOf(ev('(u32)0x123456789')), 0x2345_6789n);
  assert.equal(valueOf(ev('(u8)0x1ff + 1')), 0x100n, 'u8 promotes to int before the addition');
  assert.equal(valueOf(ev('(bool)4')), 1n);
  assert.equal(valueOf(ev('-7 / 2')), -3n, 'division truncates toward zero');
  assert.equal(valueOf(ev('-7 % 2')), -1n);
  assert.equal(valueOf(ev('1 ? 2 : 3U')), 2n);
  const mixed = ev('1 ? 2 : 3U').result;
  assert.equal(mixed.ok && mixed.type.name, 'unsigned int');
});

test('results past their type are problems, and the value is what the kernel computes (-fwrapv)', async () => {
  const ev = await evaluatorFor('');
  const int = ev('4 * SZ_1G');
  assert.equal(valueOf(int), 0n);
  assert.deepEqual(int.problems.map((p) => [p.kind, p.message]), [['overflow32', '4 * 0x40000000 overflows int (32 bits): it wraps to 0']]);
  const wide = ev('4ULL * SZ_1G');
  assert.equal(valueOf(wide), 0x1_0000_0000n);
  assert.deepEqual(wide.problems, []);
  const u64 = ev('SZ_1T << 30');
  assert.equal(valueOf(u64), 0n);
  assert.equal(u64.problems[0].kind, 'overflow64');
  assert.equal(u64.problems[0].message, '0x10000000000 << 30 needs more than 64 bits (unsigned long long): it wraps to 0');
  assert.equal(valueOf(ev('1 << 32')), 'unknown: shift by 32 has no value for int (UB in C)');
  assert.equal(ev('1 << 32').problems[0].kind, 'overflow32');
  assert.equal(ev('1ULL << 64').problems[0].kind, 'overflow64');
  assert.equal(valueOf(ev('0ULL - 1')), 0xffff_ffff_ffff_ffffn);
  assert.match(ev('0ULL - 1').problems[0].message, /goes below zero/);
  assert.deepEqual(ev('~0UL << 12').problems, [], 'shifting a mask of ones is an idiom');
  assert.equal(valueOf(ev('10 / 0')), 'unknown: division by zero');
  assert.equal(valueOf(ev('0x7fffffffffffffff + 1')), -(1n << 63n));
  assert.equal(ev('0x7fffffffffffffff + 1').problems[0].kind, 'overflow64');
});

test('kernel helper macros compute what their documentation says', async () => {
  const ev = await evaluatorFor('');
  assert.equal(valueOf(ev('BIT(3)')), 8n);
  const bit = ev('BIT(3)').result;
  assert.equal(bit.ok && bit.type.name, 'unsigned long');
  assert.equal(valueOf(ev('BIT_ULL(63)')), 1n << 63n);
  assert.equal(ev('BIT(64)').problems[0].kind, 'overflow64');
  assert.equal(valueOf(ev('GENMASK(7, 4)')), 0xf0n);
  assert.equal(valueOf(ev('GENMASK_ULL(39, 0)')), 0xff_ffff_ffffn);
  assert.equal(ev('GENMASK(3, 4)').problems[0].kind, 'overflow64');
  assert.equal(valueOf(ev('ALIGN(0x1001, 0x1000)')), 0x2000n);
  assert.equal(valueOf(ev('ALIGN_DOWN(0x1fff, 0x1000)')), 0x1000n);
  assert.equal(valueOf(ev('IS_ALIGNED(0x3000, SZ_4K)')), 1n);
  assert.equal(valueOf(ev('round_up(0x17f0000000, SZ_512M)')), 0x1800000000n);
  // 95.75 GiB − 1 GiB rounded down to 512 MiB: the domain's example B gives 94.5 GiB.
  assert.equal(valueOf(ev('round_down(0x17F0000000ULL - SZ_1G, SZ_512M)')), 0x17a0000000n);
  assert.equal(valueOf(ev('roundup_pow_of_two(0x17c0000000)')), 0x2000000000n);
  assert.equal(valueOf(ev('roundup_pow_of_two(0x2000000000)')), 0x2000000000n, 'a power of two stays');
  assert.equal(valueOf(ev('roundup_pow_of_two(0)')), 'unknown: roundup_pow_of_two(0) has no defined result');
  assert.equal(ev('roundup_pow_of_two(0x8000000000000001)').problems[0].kind, 'overflow64');
  assert.equal(valueOf(ev('rounddown_pow_of_two(0x17c0000000)')), 0x1000000000n);
  assert.equal(valueOf(ev('ilog2(SZ_512M)')), 29n);
  assert.equal(valueOf(ev('DIV_ROUND_UP(10, 4)')), 3n);
  assert.equal(valueOf(ev('upper_32_bits(0xfffffff00000000c)')), 0xffff_fff0n);
  assert.equal(valueOf(ev('lower_32_bits(0xfffffff00000000c)')), 0xcn);
  assert.equal(valueOf(ev('min(3, 2U)')), 2n);
  assert.equal(valueOf(ev('max_t(u8, 0x1ff, 2)')), 0xffn);
  assert.equal(valueOf(ev('type_max(phys_addr_t)')), 0xffff_ffff_ffff_ffffn);
  assert.equal(valueOf(ev('type_max(s32)')), 0x7fff_ffffn);
  assert.equal(valueOf(ev('_AC(0x100000000, ULL)')), 0x1_0000_0000n);
  assert.equal(valueOf(ev('VFIO_PCI_INDEX_TO_OFFSET(VFIO_PCI_BAR4_REGION_INDEX)')), 0x400_0000_0000n);
  assert.equal(valueOf(ev('VFIO_PCI_OFFSET_TO_INDEX(0x20000001000ULL)')), 2n);
  assert.equal(valueOf(ev('sizeof(__le64) + sizeof(u16) + sizeof(void *)')), 18n);
});

test('alignment helpers flag a non-power-of-two alignment', async () => {
  const ev = await evaluatorFor('');
  const e = ev('round_down(0x1800000000ULL, 0x30000000)');
  assert.deepEqual(e.problems.map((p) => p.kind), ['notPow2']);
  assert.match(e.problems[0].message, /0x30000000 is not one/);
});

test('page-size constants follow the page-size setting', async () => {
  const k64 = await evaluatorFor('', 65536);
  const k4 = await evaluatorFor('', 4096);
  assert.equal(valueOf(k64('VFIO_PCI_OFFSET_SHIFT - PAGE_SHIFT')), 24n);
  assert.equal(valueOf(k4('VFIO_PCI_OFFSET_SHIFT - PAGE_SHIFT')), 28n);
  assert.equal(valueOf(k64('PAGE_MASK')), 0xffff_ffff_ffff_0000n);
  assert.equal(valueOf(k4('PFN_PHYS(0x400000000ULL)')), 0x4000_0000_0000n);
});

test('names nobody defined stay unknown and are listed', async () => {
  const ev = await evaluatorFor('');
  const e = ev('nvdev->usemem.memlength + SZ_1G');
  assert.equal(e.result.ok, false);
  const r = ev('MYSTERY_SIZE * 2 + OTHER');
  assert.ok(!r.result.ok);
  assert.deepEqual(!r.result.ok && [...r.result.unknown].sort(), ['MYSTERY_SIZE', 'OTHER']);
  assert.equal(valueOf(ev('foo(1)')), 'unknown: foo() is not a constant expression vfio-lens knows');
  assert.equal(valueOf(ev('sizeof(struct vfio_region_info)')), 'unknown: sizeof(struct vfio_region_info): not a type vfio-lens knows');
  assert.equal(valueOf(ev('{ 1 }')), 'unknown: { 1 } is not a C expression');
});
