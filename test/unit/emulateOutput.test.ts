// `vfio-lens emulate --jsonl` writes each line with the layout's JSON text
// reused across cases; the bytes must be those of JSON.stringify of the
// result object, for good cases, failing layouts and bad lines alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { emulateCases } from '../../bench/generate/emulateCases';
import { emulateLine, runEmulate } from '../../server/src/cli/emulateCommand';

test('output lines equal JSON.stringify of each case result', async () => {
  const lines = [
    ...emulateCases(30).trimEnd().split('\n'),
    JSON.stringify({ kernel: '6.9', memphys: '0x400000000000', memlength: '0x0', ops: [{ op: 'configRead', offset: 24, width: 4 }] }),
    'not json',
    JSON.stringify({ kernel: '5.1', memphys: '0x0', memlength: '0x1000', ops: [] }),
    ...emulateCases(3).trimEnd().split('\n'),
  ];
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (b: Buffer) => chunks.push(b));
  input.end(lines.join('\n') + '\n');
  const code = await runEmulate(input, output);
  assert.equal(code, 2, 'a bad line makes the exit status 2');
  const got = Buffer.concat(chunks).toString().trimEnd().split('\n');
  assert.deepEqual(got, lines.map((l, i) => JSON.stringify(emulateLine(l, i + 1).line)));
  assert.match(got[30], /"ok":false,"error":"ENOMEM"/);
});
