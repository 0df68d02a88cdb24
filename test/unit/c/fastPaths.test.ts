// The analyzer's shortcuts for large files answer exactly what the slow
// ways answer: functions and tables found without a whole-tree query equal
// the query's captures, directives found in the pruned walk equal a full
// walk, an evaluation reused at another point (its macro lookups resolve
// the same there) equals evaluating afresh, and the macro-cycle check that
// skips bodies which never reach their own name finds every cycle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Query } from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';
import { createParser, initTreeSitter, language } from '../../../server/src/parsing/treeSitter';
import { functionNodes, tableNodes, TABLE_STRUCTS } from '../../../server/src/analyzers/c/outline';
import { collectDirectives, pointAt } from '../../../server/src/analyzers/c/preprocessor';
import { ConstEvaluator, Evaluation } from '../../../server/src/analyzers/c/constEval';
import { MacroTable } from '../../../server/src/analyzers/c/macroTable';
import { forParser } from '../../../server/src/analyzers/c/parserText';
import { generateDriver } from '../../../bench/generate/driver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzers } from '../../../server/src/analyzers';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { LanguageService } from '../../../server/src/service';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const ROOT = path.join(__dirname, '..', '..', '..');
const DRIVERS = path.join(ROOT, 'test', 'fixtures', 'drivers');

// Odd shapes on purpose: #if around functions, extern blocks, tables in a function, a broken function.
const EDGES = `#define A 1
#if A
static int in_if(void) { return A; }
#else
static int in_else(void) { return 0; }
#endif
extern "C" { int in_extern(void) { return 2; } }
static void local_table(void)
{
	static const struct pci_device_id local_ids[] = { { PCI_DEVICE(0x10de, 0x2342) }, {} };
	struct vfio_device_ops ops = { .name = "x" }, *p = 0, other = { .name = "y" };
#ifdef B
#define B_IN_BODY 3
#endif
}
static int broken(void { return 1; }
struct vfio_device_ops /* not a table */;
static const struct vfio_device_ops real_ops = { .read = 0 };
#undef A
#define A 2
int after(void) { return A; }
`;

function sources(): Array<{ name: string; text: string }> {
  const files = [...fs.readdirSync(DRIVERS).filter((f) => f.endsWith('.c')), ...fs.readdirSync(path.join(DRIVERS, 'broken')).map((f) => `broken/${f}`)];
  return [
    ...files.map((f) => ({ name: f, text: fs.readFileSync(path.join(DRIVERS, f), 'utf8') })),
    { name: 'examples/driver/main.c', text: fs.readFileSync(path.join(ROOT, 'examples', 'driver', 'main.c'), 'utf8') },
    { name: 'generated', text: generateDriver({ lines: 1000 }) },
    { name: 'edges', text: EDGES },
  ];
}

const spans = (ns: readonly Node[]) => ns.map((n) => `${n.type}@${n.startIndex}-${n.endIndex}`);

/** What the analyzer used to do: a query over every node. */
function queried(tree: Tree): { functions: string[]; tables: string[] } {
  const q = new Query(language('c'), '(function_definition) @fn (declaration type: (struct_specifier name: (type_identifier) @struct) declarator: (init_declarator value: (initializer_list))) @table');
  const functions: Node[] = [];
  const tables: Node[] = [];
  for (const m of q.matches(tree.rootNode)) {
    const fn = m.captures.find((c) => c.name === 'fn');
    if (fn) functions.push(fn.node);
    const t = m.captures.find((c) => c.name === 'table');
    const struct = m.captures.find((c) => c.name === 'struct');
    if (t && struct && TABLE_STRUCTS.has(struct.node.text) && !tables.some((x) => x.startIndex === t.node.startIndex)) tables.push(t.node);
  }
  q.delete();
  return { functions: spans(functions), tables: spans(tables.sort((a, b) => a.startIndex - b.startIndex)) };
}

test('functions and tables: the same nodes as a query over the whole tree', async () => {
  await initTreeSitter();
  const parser = createParser('c');
  for (const s of sources()) {
    const tree = parser.parse(s.text)!;
    const want = queried(tree);
    // Nested function definitions (a GCC extension the kernel forbids) are the one thing the walk does not look for.
    assert.deepEqual(spans(functionNodes(tree)), want.functions, s.name);
    assert.deepEqual(spans(tableNodes(tree, s.text)), want.tables, s.name);
    if (s.name === 'edges') {
      assert.equal(want.functions.length, 6, 'in_if, in_else, in_extern, local_table, broken, after');
      assert.equal(want.tables.length, 3, 'local_ids, ops/other (one declaration), real_ops');
    }
    tree.delete();
  }
});

test('directives: the pruned walk finds what a walk of every node finds', async () => {
  await initTreeSitter();
  const parser = createParser('c');
  for (const s of sources()) {
    const tree = parser.parse(s.text)!;
    const pp = collectDirectives(tree, s.text);
    // Without a '#' the pruning has nothing to skip by: pass a text with '#' everywhere, same length.
    const full = collectDirectives(tree, '#'.repeat(s.text.length));
    assert.equal(pp.signature, full.signature, s.name);
    assert.deepEqual(pp.locations, full.locations, s.name);
    tree.delete();
  }
});

const show = (e: Evaluation) => JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

test('an evaluation reused at another point equals evaluating there afresh', async () => {
  await initTreeSitter();
  const parser = createParser('c');
  for (const s of sources()) {
    const tree = parser.parse(s.text)!;
    const pp = collectDirectives(tree, s.text);
    tree.delete();
    const table = new MacroTable(pp.directives);
    const shared = new ConstEvaluator(table, 65536);
    const names = [...new Set([...table.names(), 'PAGE_SIZE', 'SZ_1G', 'VFIO_PCI_BAR2_REGION_INDEX'])];
    // Every name at the start, after each directive, and at the end; in order and backwards.
    const offsets = [0, ...pp.locations.map((l) => l.end), s.text.length];
    for (const offset of [...offsets, ...[...offsets].reverse()]) {
      const at = pointAt(pp, offset);
      for (const name of names) {
        const text = table.definitions(name).some((d) => d.params) ? `${name}(1, 2)` : name;
        assert.equal(show(shared.evaluateText(text, at)), show(new ConstEvaluator(table, 65536).evaluateText(text, at)), `${s.name}: ${text} at ${offset}`);
      }
    }
  }
});

test('annotations and type arguments are blanked for the parser only outside directives, comments and literals, offsets unchanged', async () => {
  await initTreeSitter();
  const text = '#define UPTR(p) ((p __user *)0)\n/* __user */ static ssize_t rd(char __user *buf, void __iomem *io, const char *s, struct dev *d)\n{ struct nvg *n = container_of(d, struct nvg, core.vdev); size_t m = offsetofend(struct nvg, x); return s[0] == \'_\' ? sizeof(struct nvg) : "__iomem, struct x,"[0]; }\n';
  const blanked = forParser(text);
  assert.equal(
    blanked,
    '#define UPTR(p) ((p __user *)0)\n/* __user */ static ssize_t rd(char        *buf, void         *io, const char *s, struct dev *d)\n{ struct nvg *n = container_of(d,        nvg, core.vdev); size_t m = offsetofend(       nvg, x); return s[0] == \'_\' ? sizeof(struct nvg) : "__iomem, struct x,"[0]; }\n',
  );
  const parser = createParser('c');
  assert.equal(parser.parse(text)!.rootNode.hasError, true, 'tree-sitter cannot read `char __user *buf`');
  assert.equal(parser.parse(blanked)!.rootNode.hasError, false);
  for (const f of ['test/fixtures/drivers/nvg-6.9.c', 'test/fixtures/drivers/nvg-6.14.c', 'test/fixtures/drivers/legacy-io.c', 'examples/driver/main.c']) {
    const source = fs.readFileSync(path.join(ROOT, f), 'utf8');
    assert.equal(parser.parse(source)!.rootNode.hasError, true, `${f} as written has syntax errors for tree-sitter`);
    assert.equal(parser.parse(forParser(source))!.rootNode.hasError, false, `${f} for the parser has none`);
  }
  const generated = generateDriver({ lines: 500 });
  assert.equal(forParser(generated).length, generated.length);
  assert.deepEqual([...forParser(generated).matchAll(/\n/g)].map((m) => m.index), [...generated.matchAll(/\n/g)].map((m) => m.index));
});

test('macro cycles: found where the expansion comes back to the name, whatever the path; identity macros are none', async () => {
  await initTreeSitter();
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const svc = new LanguageService(createAnalyzers(), () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 }));
  const text = '#define A B\n#define B C\n#define C A\n#define SELF SELF\n#define F(x) G(x)\n#define G(x) F(x)\n#define P P + 1\n#define Q (R)\n#define R Q\n#define S (T + 1)\n#define T 2\n';
  const found = svc.diagnostics(TextDocument.create('file:///cycles.c', 'c', 1, text)).map((d) => `${d.range.start.line + 1} ${d.code} ${String(d.message).split(':')[0]}`);
  // A and B are defined before C, so only C's expansion returns; S reads T before T exists: no cycle.
  assert.deepEqual(found, ['3 NVG100 macro cycle C → A → B → C', '6 NVG100 macro cycle G → F → G', '7 NVG100 macro cycle P → P', '9 NVG100 macro cycle R → Q → R']);
});
