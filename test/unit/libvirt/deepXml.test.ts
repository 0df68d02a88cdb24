// Regression (fuzz): a domain nested 10,000 elements deep took 1.4 s (saxes
// resolves namespaces by walking up the open tags, per element). libxml2
// stops at 256 levels, and so does vfio-lens, with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LibvirtAnalyzer } from '../../../server/src/analyzers/libvirt/libvirtAnalyzer';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { withinHangBound } from '../../support/hangBound';

const profiles = new ProfileStore(DEFAULT_SETTINGS);
const ctx = { settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 };
const nested = (n: number) => "<domain type='kvm'>" + '<a>'.repeat(n) + '</a>'.repeat(n) + '</domain>';
const analyze = (text: string) => new LibvirtAnalyzer().analyze(TextDocument.create('file:///w/d.xml', 'xml', 1, text), ctx).diagnostics;

test('regression (fuzz): a domain nested 30,000 deep is refused at level 257 with the reason, at once', () => {
  // Before: 1.4 s at 10,000 levels, growing with the square of the depth.
  const d = withinHangBound(2000, 'a domain nested 30,000 deep', () => analyze(nested(30_000)));
  assert.deepEqual(d.map((x) => [x.code, x.message]), [['NVG256', "not well-formed XML: elements nested more than 256 deep (libxml2's limit) — libvirt refuses the domain"]]);
  // On the 257th open tag: <domain> and 255 <a> are open.
  assert.equal(d[0].range.start.character, "<domain type='kvm'>".length + 255 * 3);
});

test('256 levels (the domain and 255 below it) are still read', () => {
  assert.deepEqual(analyze(nested(255)), []);
});
