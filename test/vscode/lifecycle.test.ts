// The extension activates, its client starts the server over IPC, and the
// restart command replaces the server with a new one.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/commands';
import { activeLayoutRequest } from '../../shared/protocol';
import pkg from '../../package.json';
import { ClientState, EXTENSION_ID, activate, request } from './support/editor';

describe('lifecycle', () => {
  it('activates and hands out its language client', async () => {
    const { client } = await activate();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(client.state, ClientState.Running);
    console.log(`      (${vscode.env.appName} ${vscode.version}, ${vscode.env.remoteName ? `remote ${vscode.env.remoteName}, ` : ''}Node ${process.version})`);
  });

  it('the server is ready: it answered initialize with its name and capabilities', async () => {
    const { client } = await activate();
    const init = client.initializeResult;
    assert.deepEqual(init?.serverInfo, { name: 'vfio-lens', version: pkg.version });
    assert.equal(init?.capabilities.hoverProvider, true);
    assert.deepEqual(init?.capabilities.inlayHintProvider, { resolveProvider: false });
  });

  it('registers the restart command', async () => {
    await activate();
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMANDS.restartServer.id));
  });

  it('vfio-lens: Restart Language Server stops the server and starts a new one', async () => {
    const { client } = await activate();
    const before = client.initializeResult;
    const states: number[] = [];
    const sub = client.onDidChangeState((e) => states.push(e.newState));
    try {
      await vscode.commands.executeCommand(COMMANDS.restartServer.id);
    } finally {
      sub.dispose();
    }
    assert.equal(states.indexOf(ClientState.Stopped) >= 0 && states.lastIndexOf(ClientState.Running) > states.indexOf(ClientState.Stopped), true, `states ${states}`);
    assert.equal(client.state, ClientState.Running);
    assert.notEqual(client.initializeResult, before, 'a new initialize handshake');
    const r = await request(activeLayoutRequest, {});
    assert.equal(r.profile.name, 'gh200-lab', 'the new server read the workspace profile file too');
  });
});
