// Driver C source over real JSON-RPC: hover text, inlay hints, code lenses,
// diagnostics and quick fixes at exact positions. Expected numbers are the
// domain's worked examples (GH200 96 GB = example A, 65.25 GiB = example C,
// GB200 186 GiB = example F), computed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { startServer } from '../support/lspClient';
import { positionOf, renderDiagnostics, renderInlayHints } from '../support/markers';

const URI = 'file:///ws/drivers/vfio/pci/lens/main.c';
const ALL = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

const DRIVER = `#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX
#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX
#define MEMBLK_SIZE SZ_512M

struct mem { u64 memphys; size_t memlength; size_t bar_size; };
struct dev { struct mem usemem; struct mem resmem; };

static bool is_usemem_reg(loff_t pos, size_t count, size_t *a, size_t *b, size_t *c)
{
	if (vfio_pci_core_range_intersect_range(pos, count, PCI_BASE_ADDRESS_4, sizeof(u64), a, b, c))
		return pick(USEMEM_REGION_INDEX);
	return false;
}

static void split(struct dev *d, u64 base, u64 size)
{
	d->usemem.memphys = base;
	d->usemem.memlength = round_down(size - SZ_1G, MEMBLK_SIZE);
	d->usemem.bar_size = roundup_pow_of_two(d->usemem.memlength);
}
`;

const markdown = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

test('inlay hints: region indices with their fd offsets, #define values, memory fields for the active device', async (t) => {
  const c = await startServer(t);
  assert.deepEqual(await c.open(URI, 'c', DRIVER), []);
  const hints = await c.inlayHints(URI, ALL);
  assert.equal(
    renderInlayHints(DRIVER, hints ?? []),
    `#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX/* = 2 → 0x20000000000*/
#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX/* = 4 → 0x40000000000*/
#define MEMBLK_SIZE SZ_512M/* = 0x20000000 (512 MiB)*/

struct mem { u64 memphys; size_t memlength; size_t bar_size; };
struct dev { struct mem usemem; struct mem resmem; };

static bool is_usemem_reg(loff_t pos, size_t count, size_t *a, size_t *b, size_t *c)
{
	if (vfio_pci_core_range_intersect_range(pos, count, PCI_BASE_ADDRESS_4, sizeof(u64), a, b, c))
		return pick(USEMEM_REGION_INDEX/* = 4 → 0x40000000000*/);
	return false;
}

static void split(struct dev *d, u64 base, u64 size)
{
	d->usemem.memphys = base;/* → 0x400000000000*/
	d->usemem.memlength = round_down(size - SZ_1G, MEMBLK_SIZE);/* → 95 GiB*/
	d->usemem.bar_size = roundup_pow_of_two(d->usemem.memlength);/* → 128 GiB*/
}
`,
  );
  const tip = hints!.find((h) => h.label === '→ 128 GiB')!.tooltip;
  assert.equal(typeof tip === 'object' ? tip.value : tip, 'usemem.bar_size after probe: `0x2000000000` (128 GiB)  \nGH200 96 GB · kernel mainline (7.0), 6.14+ rules · 64 KiB pages');

  // Example C, 65.25 GiB: 6.9–6.13 size the BAR after the 512 MiB round-down (64 GiB), 6.14+ before it (128 GiB).
  const lab = { name: 'lab', memphys: '0x400000000000', memlength: '0x1050000000' };
  await c.configure({ kernel: '6.13', profile: lab }, URI);
  const old = (await c.inlayHints(URI, ALL))!.filter((h) => String(h.label).startsWith('→')).map((h) => h.label);
  assert.deepEqual(old, ['→ 0x400000000000', '→ 64 GiB', '→ 64 GiB']);
  await c.configure({ kernel: '6.14', profile: lab }, URI);
  const now = (await c.inlayHints(URI, ALL))!.filter((h) => String(h.label).startsWith('→')).map((h) => h.label);
  assert.deepEqual(now, ['→ 0x400000000000', '→ 64 GiB', '→ 128 GiB']);

  await c.configure({ inlayHints: { enabled: false } }, URI);
  assert.deepEqual(await c.inlayHints(URI, ALL), []);
  await c.stop();
});

test('hover on a region-index macro: value, derivation, region, role, and the device numbers', async (t) => {
  const c = await startServer(t);
  await c.open(URI, 'c', DRIVER);
  const h = await c.hover(URI, positionOf(DRIVER, 'USEMEM_REGION_INDEX', 3));
  assert.equal(
    markdown(h),
    `**USEMEM_REGION_INDEX** = \`4\` · int
\`USEMEM_REGION_INDEX → VFIO_PCI_BAR4_REGION_INDEX → 4\`
nvgrace-gpu: the VFIO region of usemem, the cacheable device memory (BAR4/BAR5 as one 64-bit BAR)

**VFIO region 4 · BAR4** · fd offset \`0x40000000000\`
- config register \`0x20\` (PCI_BASE_ADDRESS_4), lower half of a 64-bit BAR; BAR5 (\`0x24\`) holds the upper half
- role: **usemem**, cacheable device memory (usemem), mmap write-back

GH200 96 GB · kernel mainline (7.0), 6.14+ rules · 64 KiB pages:
- device memory \`0x400000000000\`–\`0x4017bfffffff\` (95 GiB)
- BAR size \`0x2000000000\` (128 GiB), padding \`0x840000000\` (33 GiB, 25.8%: reads 0xff, writes dropped, not mappable)`,
  );
  assert.deepEqual(h?.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 27 } });

  // A use in code has the same facts, without the define's own meaning line.
  const use = markdown(await c.hover(URI, positionOf(DRIVER, 'pick(USEMEM_REGION_INDEX', 8)));
  assert.match(use, /^\*\*USEMEM_REGION_INDEX\*\* = `4` · int\n`USEMEM_REGION_INDEX → VFIO_PCI_BAR4_REGION_INDEX → 4`\n\n\*\*VFIO region 4 · BAR4\*\*/);

  // The GB200 preset: no MIG bug, resmem absent; usemem = 186 GiB in a 256 GiB BAR (example F).
  await c.configure({ profile: { name: 'rack', sku: 'gb200' } }, URI);
  const gb = markdown(await c.hover(URI, positionOf(DRIVER, 'RESMEM_REGION_INDEX', 3)));
  assert.match(gb, /rack · kernel mainline \(7\.0\), 6\.14\+ rules · 64 KiB pages: no resmem on rack: no MIG hardware bug, nothing is carved and region 2 is the physical BAR \(vfio-pci core\)$/);
  const gbUse = markdown(await c.hover(URI, positionOf(DRIVER, 'USEMEM_REGION_INDEX', 3)));
  assert.match(gbUse, /- device memory `0x400000000000`–`0x402e7fffffff` \(186 GiB\)\n- BAR size `0x4000000000` \(256 GiB\), padding `0x1180000000` \(70 GiB, 27\.3%/);
  await c.stop();
});

test('hover on a config-window check: the register window and what the guest reads after reset and after sizing', async (t) => {
  const c = await startServer(t);
  await c.open(URI, 'c', DRIVER);
  const at = positionOf(DRIVER, 'vfio_pci_core_range_intersect_range', 4);
  const h = await c.hover(URI, at);
  assert.equal(
    markdown(h),
    `**Config-window check** — register window \`0x20\`–\`0x27\` (8 bytes): BAR4 as a 64-bit BAR
This branch answers for region 4 (BAR4, usemem).

GH200 96 GB · kernel mainline (7.0), 6.14+ rules · 64 KiB pages — usemem BAR size \`0x2000000000\` (128 GiB):

| guest reads | \`0x20\` | \`0x24\` |
|---|---|---|
| after open or reset | \`0x0000000c\` | \`0x00000000\` |
| after writing all ones | \`0x0000000c\` | \`0xffffffe0\` |

read = (stored & ~(BAR size − 1)) | 0xc (0xc = 64-bit | prefetchable memory)`,
  );
  // GB200: a 256 GiB BAR reads back 0xffffffc0 in the high dword (domain §1.5).
  await c.configure({ profile: { name: 'rack', sku: 'gb200' } }, URI);
  assert.match(markdown(await c.hover(URI, at)), /\| after writing all ones \| `0x0000000c` \| `0xffffffc0` \|/);
  await c.stop();
});

test('code lenses open the layout view at the part a function emulates', async (t) => {
  const c = await startServer(t);
  await c.open(URI, 'c', DRIVER);
  const lenses = (await c.codeLenses(URI))!;
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
    [
      [7, 'vfio-lens: emulates BAR4 registers (0x20–0x27) · BAR2 1 GiB, BAR4 128 GiB (GH200 96 GB, mainline)', 'vfioLens.showLayout', [{ section: 'config' }]],
      [14, 'vfio-lens: computes the split · usemem 95 GiB → BAR4 128 GiB · resmem 1 GiB → BAR2 1 GiB (GH200 96 GB, mainline)', 'vfioLens.showLayout', [{ section: 'memory' }]],
    ],
  );
  await c.stop();
});

const BROKEN = `#define RESMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX
#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX
#define MEMBLK_SIZE SZ_256M
#define USEMEM_CAP (4 * SZ_1G)
#define LOOP_A (LOOP_B + 1)
#define LOOP_B (LOOP_A + 1)

static int pick(loff_t pos, size_t count, size_t *a, size_t *b, size_t *c)
{
	if (vfio_pci_core_range_intersect_range(pos, count, PCI_BASE_ADDRESS_2, sizeof(u64), a, b, c))
		return USEMEM_REGION_INDEX;
	return -1;
}

static int fetch(struct device *dev, u64 *size)
{
	return device_property_read_u64(dev, "nvidia,gpu-mem-sise", size);
}

static const struct pci_device_id ids[] = {
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x31C2) },
	{}
};
`;

test('diagnostics of a broken driver, each at its place, with stable codes', async (t) => {
  const c = await startServer(t, { settings: { kernel: '6.17' } });
  const diags = await c.open(URI, 'c', BROKEN);
  assert.equal(
    renderDiagnostics(BROKEN, diags),
    `#define RESMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX
                            ^^^^^^^^^^^^^^^^^^^^^^^^^^ NVG103 error: resmem and usemem both map to VFIO region 4 (BAR4): one region cannot be two BARs
#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX
#define MEMBLK_SIZE SZ_256M
                    ^^^^^^^ NVG107 warning: MEMBLK_SIZE is 0x10000000 (256 MiB); nvgrace-gpu uses 0x20000000 (512 MiB), an ABI value shared with the GPU firmware and the guest driver
#define USEMEM_CAP (4 * SZ_1G)
                    ^^^^^^^^^ NVG102 warning: 4 * 0x40000000 overflows int (32 bits): it wraps to 0
#define LOOP_A (LOOP_B + 1)
#define LOOP_B (LOOP_A + 1)
               ^^^^^^^^^^^^ NVG100 error: macro cycle LOOP_B → LOOP_A → LOOP_B: the expansion comes back to LOOP_B, so it never reaches a value

static int pick(loff_t pos, size_t count, size_t *a, size_t *b, size_t *c)
{
	if (vfio_pci_core_range_intersect_range(pos, count, PCI_BASE_ADDRESS_2, sizeof(u64), a, b, c))
                                                     ^^^^^^^^^^^^^^^^^^ NVG108 error: config window 0x18 is not BAR4's register, but this branch answers for region 4 (BAR4, usemem): BAR4 lives at 0x20
		return USEMEM_REGION_INDEX;
	return -1;
}

static int fetch(struct device *dev, u64 *size)
{
	return device_property_read_u64(dev, "nvidia,gpu-mem-sise", size);
                                      ^^^^^^^^^^^^^^^^^^^^^ NVG114 warning: "nvidia,gpu-mem-sise" is not a property the GPU firmware publishes: reading it fails (nvgrace-gpu then falls back to plain vfio-pci) (did you mean "nvidia,gpu-mem-size"?)
}

static const struct pci_device_id ids[] = {
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },
 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ NVG110 warning: 10de:2342 is already in ids: the second entry never matches
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x31C2) },
 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ NVG011 warning: GB300 SKU (10de:31c2) entered nvgrace-gpu's ID table in 6.18 and in 6.17 stable updates: a 6.17.y lists it only with the backport (modules.alias vfio_pci:v000010DEd000031C2sv*sd*bc*sc*i*); without it, libvirt (which picks the variant driver from modules.alias) gives it plain vfio-pci; only an explicit driver_override binds nvgrace-gpu (an override matches any device)
	{}
};
`,
  );
  const dup = diags.find((d) => d.code === 'NVG110')!;
  assert.equal(dup.relatedInformation?.[0].location.range.start.line, 20);
  assert.equal(dup.codeDescription?.href.endsWith('#nvg110'), true);
  await c.stop();
});

test('quick fixes: the ABI value, the matching register, the property name, dropping a duplicate', async (t) => {
  const c = await startServer(t, { settings: { kernel: '6.17' } });
  const diags = await c.open(URI, 'c', BROKEN);
  const fixFor = async (code: string) => {
    const d = diags.find((x) => x.code === code)!;
    const actions = (await c.codeActions(URI, d.range, [d]))!;
    return actions.map((a) => ({ title: a.title, edits: a.edit?.changes?.[URI], preferred: a.isPreferred }));
  };
  assert.deepEqual(await fixFor('NVG107'), [{ title: 'Use SZ_512M', preferred: true, edits: [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 27 } }, newText: 'SZ_512M' }] }]);
  assert.deepEqual(await fixFor('NVG108'), [{ title: 'Use PCI_BASE_ADDRESS_4', preferred: true, edits: [{ range: { start: { line: 9, character: 53 }, end: { line: 9, character: 71 } }, newText: 'PCI_BASE_ADDRESS_4' }] }]);
  assert.deepEqual(await fixFor('NVG114'), [{ title: 'Use "nvidia,gpu-mem-size"', preferred: true, edits: [{ range: { start: { line: 16, character: 38 }, end: { line: 16, character: 59 } }, newText: '"nvidia,gpu-mem-size"' }] }]);
  assert.deepEqual(await fixFor('NVG110'), [{ title: 'Remove the duplicate entry', preferred: true, edits: [{ range: { start: { line: 21, character: 0 }, end: { line: 22, character: 0 } }, newText: '' }] }]);
  assert.deepEqual(await fixFor('NVG103'), [{ title: "Use VFIO_PCI_BAR2_REGION_INDEX (nvgrace-gpu's)", preferred: true, edits: [{ range: { start: { line: 0, character: 28 }, end: { line: 0, character: 54 } }, newText: 'VFIO_PCI_BAR2_REGION_INDEX' }] }]);
  await c.stop();
});

test('edits over the wire: a changed #define updates diagnostics and hovers; reverting clears them', async (t) => {
  const c = await startServer(t);
  await c.open(URI, 'c', DRIVER);
  const at = positionOf(DRIVER, 'SZ_512M');
  const range = { start: at, end: { line: at.line, character: at.character + 'SZ_512M'.length } };
  const after = await c.change(URI, [{ range, text: 'SZ_256M' }]);
  assert.deepEqual(after.map((d) => [d.code, d.range.start.line]), [['NVG107', 2]]);
  const hover = markdown(await c.hover(URI, positionOf(DRIVER, 'MEMBLK_SIZE')));
  assert.match(hover, /^\*\*MEMBLK_SIZE\*\* = `0x10000000 \(256 MiB\)` · int\n`MEMBLK_SIZE → SZ_256M → 0x10000000 \(256 MiB\)`\nnvgrace-gpu: .* \(nvgrace-gpu uses 0x20000000 \(512 MiB\)\)$/);
  const back = await c.change(URI, [{ range, text: 'SZ_512M' }]);
  assert.deepEqual(back, []);
  // An edit in a function body leaves the macros alone and moves hints with the text.
  const body = positionOf(DRIVER, 'd->usemem.memphys');
  await c.change(URI, [{ range: { start: body, end: body }, text: '\n\t' }]);
  const hints = (await c.inlayHints(URI, ALL))!.filter((h) => h.label === '→ 0x400000000000');
  assert.deepEqual(hints.map((h) => h.position), [{ line: 17, character: 26 }]);
  await c.stop();
});

test('an unparsable or empty C document gets an empty answer, never an error', async (t) => {
  const c = await startServer(t);
  const junk = '#define X (\n}}}{{{ ))) "unterminated\n#define Y X Y Z\n#define TEXT_ALIGN 3\n';
  const diags = await c.open('file:///ws/junk.c', 'c', junk);
  assert.deepEqual(diags.map((d) => [d.code, d.message]), [['NVG100', 'macro cycle Y → Y: the expansion comes back to Y, so it never reaches a value']]);
  assert.ok(await c.hover('file:///ws/junk.c', { line: 2, character: 9 }));
  assert.deepEqual(await c.codeLenses('file:///ws/junk.c'), []);
  assert.deepEqual(await c.open('file:///ws/empty.c', 'c', ''), []);
  assert.equal(await c.stop(), 0);
  assert.doesNotMatch(c.serverStderr, /Error|failed/);
});

// Domain §5.3: 30 000 ms; as written in 6.14–6.18 the timeout path returns the
// preceding BAR0 request's status (0), so only 6.19+ fails probe with -ETIME.
test('hover on POLL_TIMEOUT_MS: 30000 ms, and which kernels fail probe when it runs out', async (t) => {
  const c = await startServer(t);
  const text = '#define POLL_TIMEOUT_MS (30 * 1000)\nstatic int x = POLL_TIMEOUT_MS;\n';
  await c.open(URI, 'c', text);
  const md = markdown(await c.hover(URI, positionOf(text, 'POLL_TIMEOUT_MS', 3)));
  assert.ok(md.startsWith('**POLL_TIMEOUT_MS** = `30000`'), md);
  assert.ok(md.includes('nvgrace-gpu: how long the readiness poll waits, in ms; then probe fails with -ETIME from 6.19 on, while 6.14–6.18 return 0 and probe goes on'), md);
  await c.stop();
});

// Domain §5.1: GB300 (10de:31c2) first in 6.18, also in 6.17 stable; GH200 10de:2342 "GH200 120GB" since 6.9.
test('hover on an ID-table entry: the kernel\'s name for the GPU and where it first appeared, stable backports included', async (t) => {
  const c = await startServer(t);
  const text = 'static const struct pci_device_id ids[] = {\n\t{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },\n\t{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x31C2) },\n\t{}\n};\n';
  await c.open(URI, 'c', text);
  const gh = markdown(await c.hover(URI, positionOf(text, 'PCI_DRIVER_OVERRIDE_DEVICE_VFIO', 3)));
  assert.ok(gh.startsWith('**10de:2342** — GH200 120GB (Grace Hopper), in nvgrace-gpu since 6.9\n'), gh);
  const gb = markdown(await c.hover(URI, positionOf(text, '0x31C2) }', 2)));
  assert.ok(gb.startsWith('**10de:31c2** — GB300 SKU (Grace Blackwell), in nvgrace-gpu since 6.18 (and 6.17 stable updates)\n'), gb);
  assert.ok(gb.includes('modules.alias line `vfio_pci:v000010DEd000031C2sv*sd*bc*sc*i*`'), gb);
  await c.stop();
});
