// Macro expansion as the preprocessor does it, with derivation steps:
// #undef, #if alternatives, function-like macros substituted as text,
// recursion stopped and reported, file names shadowing kernel names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatorFor, valueOf } from './evalHelpers';

test('derivation chain through file macros down to the kernel constant', async () => {
  const ev = await evaluatorFor('#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX\n#define MY_INDEX RESMEM_REGION_INDEX\n');
  const e = ev('MY_INDEX');
  assert.equal(valueOf(e), 2n);
  assert.deepEqual(e.steps.map((s) => [s.name, s.replacement, s.depth]), [
    ['MY_INDEX', 'RESMEM_REGION_INDEX', 0],
    ['RESMEM_REGION_INDEX', 'VFIO_PCI_BAR2_REGION_INDEX', 1],
  ]);
  assert.deepEqual(e.used, ['VFIO_PCI_BAR2_REGION_INDEX']);
});

test('function-like macros substitute text, so a missing pair of parentheses changes the value', async () => {
  const ev = await evaluatorFor('#define SQ(x) x * x\n#define SQP(x) ((x) * (x))\n#define OFF(i) VFIO_PCI_INDEX_TO_OFFSET(i)\n');
  assert.equal(valueOf(ev('SQ(1 + 2)')), 5n, '1 + 2 * 1 + 2');
  assert.equal(valueOf(ev('SQP(1 + 2)')), 9n);
  const off = ev('OFF(VFIO_PCI_BAR4_REGION_INDEX)');
  assert.equal(valueOf(off), 0x400_0000_0000n);
  assert.deepEqual(off.steps.map((s) => [s.name, s.args, s.replacement]), [['OFF', ['VFIO_PCI_BAR4_REGION_INDEX'], 'VFIO_PCI_INDEX_TO_OFFSET(VFIO_PCI_BAR4_REGION_INDEX)']]);
  assert.equal(valueOf(ev('SQ(1)')), 1n);
  assert.match(String(valueOf(ev('SQ(1, 2)'))), /SQ\(\) takes 1 argument, not 2/);
});

test('#undef ends a definition; later uses do not fall back to the kernel', async () => {
  const src = '#define PAGE_SHIFT 12\n#define A PAGE_SHIFT\n#undef PAGE_SHIFT\n';
  const ev = await evaluatorFor(src);
  const e = ev('A');
  assert.equal(e.result.ok, false, 'PAGE_SHIFT is #undef-ed: neither 12 nor the kernel value');
  assert.match(String(valueOf(e)), /#undef/);
});

test('a file definition shadows the kernel name', async () => {
  const ev = await evaluatorFor('#define SZ_1G 1000\n');
  assert.equal(valueOf(ev('SZ_1G')), 1000n);
});

test('#if alternatives that disagree leave the value unknown; agreeing ones do not', async () => {
  const src = [
    '#ifdef CONFIG_A',
    '#define SPLIT 1',
    '#define SAME 7',
    '#else',
    '#define SPLIT 2',
    '#define SAME 7',
    '#endif',
    '#ifdef CONFIG_B',
    '#define ONLY_B 3',
    '#endif',
    '',
  ].join('\n');
  const ev = await evaluatorFor(src);
  assert.equal(valueOf(ev('SPLIT')), 'unknown: SPLIT is defined differently in different #if branches');
  assert.equal(valueOf(ev('SAME')), 7n);
  assert.equal(valueOf(ev('ONLY_B')), 'unknown: ONLY_B is defined differently in different #if branches', 'defined in one branch, undefined otherwise');
});

test('inside an include guard its macros are plain definitions', async () => {
  const guarded = '#ifndef DRV_H\n#define DRV_H\n#define MEMBLK SZ_512M\nint x = MEMBLK|;\n#endif\n';
  assert.equal(valueOf((await evaluatorFor(guarded))('MEMBLK')), 0x2000_0000n);
  const branch = '#ifdef CONFIG_A\n#define X 1\n#else\n#define X 2\nint y = X|;\n#endif\n';
  assert.equal(valueOf((await evaluatorFor(branch))('X')), 2n, 'the #else branch sees its own definition, not the #if one');
});

test('recursion ends with the cycle, not a hang; the kernel\'s `#define f f` idiom is no cycle', async () => {
  const ev = await evaluatorFor('#define A (B + 1)\n#define B (A * 2)\n#define SELF SELF\n#define F(x) G(x)\n#define G(x) F(x)\n');
  const a = ev('A');
  assert.equal(a.result.ok, false);
  assert.deepEqual(a.cycles, [['A', 'B', 'A']]);
  assert.match(String(valueOf(a)), /A → B → A: the macro expands to itself/);
  assert.deepEqual(ev('SELF').cycles, []);
  assert.deepEqual(ev('F(1)').cycles, [['F', 'G', 'F']]);
});

test('exponential expansions stop with a reason', async () => {
  const lines = ['#define M0 1'];
  for (let i = 1; i <= 20; i++) lines.push(`#define M${i} (M${i - 1} + M${i - 1})`);
  const ev = await evaluatorFor(lines.join('\n') + '\n');
  const e = ev('M20');
  assert.equal(valueOf(e), 'unknown: the expansion is too large to follow');
  assert.equal(valueOf(ev('M8')), 256n);
});

test('stringizing and pasting are not followed', async () => {
  const ev = await evaluatorFor('#define VENDOR(x) PCI_VENDOR_ID_##x\n');
  assert.match(String(valueOf(ev('VENDOR(NVIDIA)'))), /# \/ ##/);
});
