// Regression (fuzz): NUMA node ids past 2^53 went through a JS number and were
// shown as "Infinity" or "1e+21"; a region number of 400 digits as "Region Infinity".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LibvirtAnalyzer } from '../../../server/src/analyzers/libvirt/libvirtAnalyzer';
import { LspciAnalyzer } from '../../../server/src/analyzers/lspci/lspciAnalyzer';
import { ShellAnalyzer } from '../../../server/src/analyzers/shell/shellAnalyzer';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const profiles = new ProfileStore(DEFAULT_SETTINGS);
const ctx = { settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 };
const HUGE = '1' + '0'.repeat(400);
const BIG = '99999999999999999999';

test('regression (fuzz): a generic initiator node of 400 digits is reported and hovered as written, not as Infinity', async () => {
  await initTreeSitter();
  const text = `qemu-system-aarch64 -machine virt -device vfio-pci-nohotplug,host=0009:01:00.0,id=dev0 -object acpi-generic-initiator,id=gi0,pci-dev=dev0,node=${HUGE}\n`;
  const doc = TextDocument.create('file:///w/vm.sh', 'shellscript', 1, text);
  const r = new ShellAnalyzer().analyze(doc, ctx);
  const nvg017 = r.diagnostics.filter((d) => d.code === 'NVG017');
  assert.deepEqual(nvg017.map((d) => d.message), [`generic initiator node ${HUGE} is not below 128: QEMU exits with "Invalid NUMA node specified"`]);
  const at = text.indexOf(HUGE);
  const h = r.hovers.find((x) => x.range.start.character === at);
  assert.ok(h, 'a hover on the node');
  assert.match(h.markdown(), new RegExp(`^\\*\\*Generic initiator: NUMA node ${HUGE} → `));
  // The GPU's own hover and NVG018 list its GI nodes as written too.
  const nvg018 = r.diagnostics.filter((d) => d.code === 'NVG018').map((d) => d.message);
  assert.deepEqual(nvg018.map((m) => m.split(';')[0]), [`dev0 has 1 generic-initiator node (${HUGE})`]);
  assert.ok(r.hovers.some((x) => x.markdown().includes(`Generic-initiator nodes: ${HUGE} (1 of the 8`)), 'the GPU hover lists the node as written');
});

test('regression (fuzz): a libvirt NUMA cell id past 2^53 is reported as written, not as 100000000000000000000', () => {
  const text = `<domain type='kvm'><cpu><numa><cell id='${BIG}' cpus='0' memory='1' unit='GiB'/></numa></cpu></domain>\n`;
  const r = new LibvirtAnalyzer().analyze(TextDocument.create('file:///w/d.xml', 'xml', 1, text), ctx);
  const nvg253 = r.diagnostics.filter((d) => d.code === 'NVG253').map((d) => d.message);
  assert.deepEqual(nvg253, [`NUMA node ${BIG}: QEMU allows ids 0–127 ("Max number of NUMA nodes reached")`]);
});

test('regression (fuzz): "Region <400 digits>" is not read as a region, so no hover says "Region Infinity"', () => {
  const text = `0009:01:00.0 3D controller [0302]: NVIDIA Corporation GH100 [GH200 480GB] [10de:2342] (rev a1)\n\tRegion ${HUGE}: Memory at 661002000000 (64-bit, prefetchable) [size=16M]\n`;
  const r = new LspciAnalyzer().analyze(TextDocument.create('file:///w/x.lspci', 'lspci', 1, text), ctx);
  for (const h of r.hovers) assert.doesNotMatch(h.markdown(), /Infinity/);
  assert.equal(r.hovers.filter((h) => h.range.start.line === 1).length, 0);
});
