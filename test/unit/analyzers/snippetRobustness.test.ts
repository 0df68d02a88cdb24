// Any edit of a QEMU script, an .args file or a libvirt domain — half-typed
// quotes, stray brackets, broken entities — gives located facts, never a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisContext, Analyzer } from '../../../server/src/analysis';
import { LibvirtAnalyzer } from '../../../server/src/analyzers/libvirt/libvirtAnalyzer';
import { ShellAnalyzer } from '../../../server/src/analyzers/shell/shellAnalyzer';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { readSettings } from '../../../shared/settings';
import { fixtures } from '../../support/snippets';

const settings = readSettings({ profile: { name: 'rack-a gpu0', bdf: '0008:01:00.0', sku: 'gb200' } }).settings;
const profiles = new ProfileStore(settings);
const ctx: AnalysisContext = { settings, profile: profiles.active(), profiles, revision: 0 };

const PIECES = ['"', "'", '\\', '\\\n', '$', '${', '}', '(', ')', '<', '>', '/>', '&', '&amp;', ';', ',', ',,', '=', '\n', ' ', '-device ', '-numa node,nodeid=', 'host=', '{"', '<qemu:arg value=\'', '<acpi nodeset=\'', '9', '0x', 'T', 'highmem-mmio-size='];

function check(analyzer: Analyzer, name: string, source: string, runs: number): void {
  fc.assert(
    fc.property(fc.nat(source.length), fc.nat(40), fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }), (at, cut, inserted) => {
      const text = source.slice(0, at) + inserted.join('') + source.slice(Math.min(source.length, at + cut));
      const doc = TextDocument.create(`file:///fuzz/${name}`, name.endsWith('.xml') ? 'xml' : 'shellscript', 1, text);
      const a = analyzer.analyze(doc, ctx);
      const lines = text.split('\n');
      for (const d of a.diagnostics) {
        for (const p of [d.range.start, d.range.end]) {
          assert.ok(p.line < lines.length && p.character <= lines[p.line].length, `${d.code} at ${JSON.stringify(p)} outside the text`);
        }
        assert.ok(d.message.length > 0);
      }
      for (const h of a.hovers) assert.equal(typeof h.markdown(), 'string');
    }),
    { numRuns: runs, seed: 4242 },
  );
}

test('shell scripts and .args files: random edits never throw, every range lies in the text', async () => {
  await initTreeSitter();
  const q = fixtures('qemu');
  const shell = new ShellAnalyzer();
  for (const name of ['gh200-single.sh', 'gb200x2.args', 'bind-broken.sh']) check(shell, name, q.text(name), 60);
});

test('libvirt domains: random edits never throw, every range lies in the text', () => {
  const l = fixtures('libvirt');
  const libvirt = new LibvirtAnalyzer();
  for (const name of ['gh200-good.xml', 'gb200-broken.xml']) check(libvirt, name, l.text(name), 80);
});
