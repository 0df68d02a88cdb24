// Profile files the fuzzer broke the analyzer with: nested 10,000 levels deep
// (the JSON parser overflowed the stack), a number past a double's range
// (reported as "Infinity"), a key without a value before its duplicate (a crash).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProfileAnalyzer } from '../../../server/src/analyzers/profile/profileAnalyzer';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const profiles = new ProfileStore(DEFAULT_SETTINGS);
const ctx = { settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 };
const doc = (text: string) => TextDocument.create('file:///w/.vfio-lens.json', 'json', 1, text);

test('regression (fuzz): a profile file nested 10,000 levels deep gets one located NVG151 instead of a stack overflow', () => {
  const text = '{"devices": [' + '['.repeat(10_000) + ']'.repeat(10_000) + ']}';
  const a = new ProfileAnalyzer();
  const r = a.analyze(doc(text), ctx);
  // The first bracket past level 100: `{` is level 1, the devices `[` level 2, then 98 more.
  const offset = '{"devices": ['.length + 98;
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.range.start.character, d.range.end.character, d.message]),
    [['NVG151', offset, offset + 1, 'JSON: nested more than 100 levels deep here (a profile file needs 3); the file is not read']],
  );
  assert.deepEqual(a.contributeDevices(doc(text), ctx), []);
});

test('nesting up to 100 levels is read as JSON (the schema then speaks)', () => {
  const text = '{"devices": [{"name": "a", "sku": "gh200-96gb"}], "x": ' + '['.repeat(99) + ']'.repeat(99) + '}';
  const r = new ProfileAnalyzer().analyze(doc(text), ctx);
  assert.ok(!r.diagnostics.some((d) => d.code === 'NVG151'), JSON.stringify(r.diagnostics));
  assert.ok(r.diagnostics.length > 0, 'the unknown key "x" is reported');
});

test('regression (fuzz): a number literal too large for a double is not reported as "Infinity", which the file does not say', () => {
  const text = `{"kernel": 1${'0'.repeat(400)}, "devices": [{"name": "a", "sku": "gh200-96gb"}]}`;
  const r = new ProfileAnalyzer().analyze(doc(text), ctx);
  const messages = r.diagnostics.map((d) => d.message);
  assert.deepEqual(messages, ['"kernel": Invalid input: expected string, received a number too large for JSON']);
});

test('regression (fuzz): a "sku" key without a value before a duplicate that has one: the finding lands on the value that counts, no crash', () => {
  const text = '{"kernel": "6.13", "devices": [{"name": "a", "sku":, "sku": "gb300"}]}';
  const r = new ProfileAnalyzer().analyze(doc(text), ctx);
  const at = text.indexOf('"gb300"');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.range.start.character, d.range.end.character]),
    [['NVG151', text.indexOf(', "sku": "gb300"'), text.indexOf(', "sku": "gb300"') + 1], ['NVG011', at, at + '"gb300"'.length]],
  );
});
