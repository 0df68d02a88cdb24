// The analyzer keeps the facts of each top-level node (a "piece": a function,
// a declaration, a #define…) across edits that leave its text alone. Each
// test edits a document, checks which pieces were read again, and that every
// answer equals a fresh analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { DocumentStore } from '../../../server/src/documents';
import { LanguageService } from '../../../server/src/service';
import { CDriverAnalyzer } from '../../../server/src/analyzers/c/analyzer';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { DocumentAnalysis } from '../../../server/src/analysis';
import type { TextDocument } from 'vscode-languageserver-textdocument';

const DRIVER = `#include <linux/vfio_pci_core.h>
#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX
#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX
#define MEMBLK_SIZE SZ_512M
#define POLL_MS 100

struct nvg_region {
	phys_addr_t memphys;
	size_t memlength;
};

struct nvg_device {
	struct vfio_pci_core_device core;
	struct nvg_region usemem;
	struct nvg_region resmem;
};

static int nvg_poll(struct nvg_device *nd)
{
	return msleep(POLL_MS);
}

static ssize_t nvg_read(struct vfio_device *vdev, char __user *buf, size_t count, loff_t *ppos)
{
	unsigned int index = VFIO_PCI_OFFSET_TO_INDEX(*ppos);
	if (index == USEMEM_REGION_INDEX)
		return count;
	return vfio_pci_core_read(vdev, buf, count, ppos);
}

static void nvg_split(struct nvg_device *nd, u64 memphys, u64 memlength)
{
	nd->resmem.memphys = memphys;
	nd->resmem.memlength = round_up(SZ_1G, MEMBLK_SIZE);
	nd->usemem.memphys = memphys + nd->resmem.memlength;
	nd->usemem.memlength = memlength - nd->resmem.memlength;
}

static const struct vfio_device_ops nvg_ops = {
	.name = "nvgrace-gpu-vfio-pci",
	.read = nvg_read,
	.write = vfio_pci_core_write,
};

static const struct pci_device_id nvg_ids[] = {
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },
	{}
};
`;

async function setup(text = DRIVER) {
  await initTreeSitter();
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const context = () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 });
  const analyzer = new CDriverAnalyzer();
  const svc = new LanguageService([analyzer], context);
  const store = new DocumentStore();
  const uri = 'file:///drv/pieces.c';
  let doc = store.open(uri, 'c', 1, text);
  svc.analysis(doc);
  const fresh = (d: TextDocument) => new LanguageService([new CDriverAnalyzer()], context).analysis(d);
  /** Replaces `find` (the n-th occurrence) with `by`, analyses, and returns the pieces read again. */
  const edit = (find: string, by: string, nth = 0) => {
    const text = doc.getText();
    let at = text.indexOf(find);
    for (let k = 0; k < nth; k++) at = text.indexOf(find, at + 1);
    assert.ok(at >= 0, `${find} is in the text`);
    const before = { ...analyzer.pieceWork };
    const change = store.change(uri, doc.version + 1, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + find.length) }, text: by }])!;
    doc = change.document;
    svc.didChange(change);
    const a = svc.analysis(doc);
    const w = analyzer.pieceWork;
    return { analysis: a, directives: w.directives - before.directives, scans: w.scans - before.scans, models: w.models - before.models, reused: w.reused - before.reused };
  };
  const same = (a: DocumentAnalysis) => assert.deepEqual(answers(a), answers(fresh(doc)), 'the edited state answers like a fresh analysis');
  return { edit, same, doc: () => doc };
}

function answers(a: DocumentAnalysis): unknown {
  return {
    diagnostics: a.diagnostics.map((d) => [d.code, d.range, d.message]),
    hovers: a.hovers.map((h) => [h.range, h.markdown()]),
    hints: a.inlayHints.map((h) => [h.position, h.label]),
    lenses: a.codeLenses.map((l) => [l.range, l.title]),
  };
}

test('an edit inside one function reads that function again and reuses every other piece', async () => {
  const { edit, same } = await setup();
  const r = edit('return count;', 'return count + 0;');
  assert.deepEqual([r.directives, r.scans, r.models], [1, 1, 1], 'only nvg_read');
  assert.ok(r.reused >= 10, `the other pieces are reused (${r.reused})`);
  same(r.analysis);
  // The pieces after it moved: their facts (region uses, memory fields) are placed where they now are.
  const hints = r.analysis.inlayHints.map((h) => h.label);
  assert.ok(hints.some((l) => l.startsWith('→')), 'the memory-field hints of nvg_split are there');
  same(edit('msleep(POLL_MS)', 'msleep(POLL_MS * 2)').analysis);
});

test('an edit to a #define value re-evaluates the pieces that use it, and only those', async () => {
  const { edit, same } = await setup();
  const r = edit('#define POLL_MS 100', '#define POLL_MS 250');
  // The #define itself and nvg_poll, which reads POLL_MS; nvg_read, nvg_split and the tables do not.
  assert.deepEqual([r.scans, r.models], [1, 2]);
  same(r.analysis);
  const memblk = edit('SZ_512M', 'SZ_256M');
  assert.deepEqual([memblk.scans, memblk.models], [1, 2], 'the #define and nvg_split');
  same(memblk.analysis);
  assert.ok(memblk.analysis.diagnostics.some((d) => d.code === 'NVG107'), 'the new value is seen');
});

test('a new macro name makes the pieces that mention it read again', async () => {
  const { edit, same } = await setup();
  // `count` becomes a macro: nvg_read names it, so its names are read again.
  const r = edit('#define POLL_MS 100', '#define POLL_MS 100\n#define count 4');
  assert.ok(r.scans >= 2, `the new #define and nvg_read (${r.scans})`);
  same(r.analysis);
  assert.ok(r.analysis.hovers.some((h) => h.markdown().includes('count')), 'count has a macro hover now');
});

test('edits that add or remove functions, break braces or span two functions equal a fresh analysis', async () => {
  const { edit, same, doc } = await setup();
  same(edit('static void nvg_split', 'static int nvg_extra(void)\n{\n\treturn RESMEM_REGION_INDEX;\n}\n\nstatic void nvg_split').analysis);
  same(edit('static int nvg_extra(void)\n{\n\treturn RESMEM_REGION_INDEX;\n}\n\n', '').analysis);
  // An opening brace left open swallows what follows into one broken node; closing it brings the pieces back.
  same(edit('\treturn msleep(POLL_MS);\n}', '\treturn msleep(POLL_MS);\n').analysis);
  same(edit('\treturn msleep(POLL_MS);\n', '\treturn msleep(POLL_MS);\n}').analysis);
  // One edit from the middle of nvg_poll to the middle of nvg_read joins them.
  const text = doc().getText();
  const from = text.indexOf('return msleep');
  const to = text.indexOf('if (index ==');
  same(edit(text.slice(from, to), '').analysis);
  same(edit('static void nvg_split', 'static int nvg_poll(void)\n{\n\treturn 0;\n}\nstatic void nvg_split').analysis);
});

test('two pieces with the same text keep their own places', async () => {
  const twice = `${DRIVER}\nstatic int nvg_poll2(struct nvg_device *nd)\n{\n\treturn USEMEM_REGION_INDEX;\n}\n\nstatic int nvg_poll3(struct nvg_device *nd)\n{\n\treturn USEMEM_REGION_INDEX;\n}\n`.replace('nvg_poll3', 'nvg_poll2');
  const { edit, same } = await setup(twice);
  same(edit('#define POLL_MS 100', '#define POLL_MS 10').analysis);
  same(edit('static int nvg_poll(', 'static int nvg_poll_(').analysis);
  const r = edit('return count;', 'return count;;');
  same(r.analysis);
  assert.equal(r.analysis.inlayHints.filter((h) => h.label.startsWith('= 4')).length, 4, 'the USEMEM_REGION_INDEX #define, its use in nvg_read and in both copies');
});
