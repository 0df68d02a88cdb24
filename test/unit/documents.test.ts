// The server's open documents follow the client's edits exactly, whatever the
// line endings. Regression (fuzz): an edit that joined a lone \r and a \n
// ("a\r" + "\nb") left vscode-languageserver-textdocument's line table one
// line too long, so every later edit landed a line off and the server's text
// drifted from the editor's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentStore } from '../../server/src/documents';

function edited(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }>) {
  const store = new DocumentStore();
  store.open('file:///w/a.sh', 'shellscript', 1, text);
  let v = 1;
  for (const e of edits) store.change('file:///w/a.sh', ++v, [e]);
  return store.get('file:///w/a.sh')!;
}

const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

test('regression (fuzz): an LF typed after a lone CR makes one line break, and the next edit lands where the editor put it', () => {
  const d = edited('a\rc', [{ range: at(1, 0), text: '\nb' }, { range: at(1, 1), text: 'X' }]);
  // "a\r\nbc": line 1 is "bc"; the second edit goes after its "b".
  assert.equal(d.getText(), 'a\r\nbXc');
  assert.equal(d.lineCount, 2);
});

test('regression (fuzz): a CR typed before an LF makes one line break', () => {
  const d = edited('ab\ncd', [{ range: at(0, 2), text: '\r' }, { range: at(1, 2), text: '!' }]);
  assert.equal(d.getText(), 'ab\r\ncd!');
  assert.equal(d.lineCount, 2);
});

test('several changes in one notification apply in order, each in the text the previous left', () => {
  const store = new DocumentStore();
  store.open('file:///w/b.sh', 'shellscript', 1, 'one\ntwo\n');
  store.change('file:///w/b.sh', 2, [{ range: at(1, 0), text: 'zero\r' }, { range: at(2, 0), text: '\n' }, { range: at(2, 3), text: '!' }]);
  const d = store.get('file:///w/b.sh')!;
  assert.equal(d.getText(), 'one\nzero\r\ntwo!\n');
  assert.equal(d.version, 2);
});
