// The language a document is read as, whatever the editor calls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentLanguage } from '../../server/src/languages';

test("VS Code's ids are kept, also where the file name says otherwise", () => {
  assert.equal(documentLanguage('shellscript', 'file:///vm/run'), 'shellscript');
  assert.equal(documentLanguage('jsonc', 'file:///w/.vfio-lens.json'), 'jsonc');
  assert.equal(documentLanguage('c', 'untitled:Untitled-1'), 'c');
  assert.equal(documentLanguage('xml', 'file:///w/domain.txt'), 'xml');
});

test("Neovim's, Emacs' and Helix's shell ids are the shell script language, whatever the file's name", () => {
  for (const id of ['sh', 'bash', 'zsh', 'ksh', 'shell', 'Bash']) assert.equal(documentLanguage(id, 'file:///vm/start-gpu-vm'), 'shellscript', id);
});

test('an id we do not know yields to the file name: .lspci and .asl without a filetype, a .dsl Neovim calls structurizr or dsl, a header it calls cpp', () => {
  assert.equal(documentLanguage('', 'file:///w/guest.lspci'), 'lspci');
  assert.equal(documentLanguage('text', 'file:///w/gpu-dsd.asl'), 'asl');
  assert.equal(documentLanguage('structurizr', 'file:///w/dsdt.dsl'), 'asl');
  assert.equal(documentLanguage('dsl', 'file:///w/dsdt.dsl'), 'asl');
  assert.equal(documentLanguage('cpp', 'file:///linux/drivers/vfio/pci/nvgrace-gpu/regions.h'), 'c');
  assert.equal(documentLanguage('conf', 'file:///vm/gb200x2.args?x=1#top'), 'shellscript');
});

test('otherwise the id stays as the editor sent it: nothing is read as something it is not', () => {
  assert.equal(documentLanguage('cpp', 'file:///src/main.cpp'), 'cpp');
  assert.equal(documentLanguage('plaintext', 'file:///notes.txt'), 'plaintext');
  assert.equal(documentLanguage('python', 'untitled:Untitled-2'), 'python');
});
