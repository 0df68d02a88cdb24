// The server analyses the documents the editor opens and pushes diagnostics
// for each version.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { nextDiagnostics, openFixture } from './support/editor';

describe('diagnostics', () => {
  it('are published for an opened C fixture, and again after an edit', async () => {
    const { uri, document, editor, diagnostics } = await openFixture('ring.c');
    assert.equal(document.languageId, 'c');
    assert.deepEqual(diagnostics, [], 'nothing to say about plain C');
    const republished = nextDiagnostics(uri);
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), '/* edited */\n')));
    assert.deepEqual(await republished, []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('are published for an untitled C document', async () => {
    const published = nextDiagnostics((u) => u.scheme === 'untitled');
    const doc = await vscode.workspace.openTextDocument({ language: 'c', content: 'int main(void) { return 0; }\n' });
    await vscode.window.showTextDocument(doc);
    assert.deepEqual(await published, []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
