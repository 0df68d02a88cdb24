// The bench's CLI measurements on tiny inputs: they check the CLI's output
// (so a fast failure cannot pass as a fast run), and they refuse bad output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emulateCases } from '../../bench/generate/emulateCases';
import { writeDriverTree } from '../../bench/generate/tree';
import { timeCheck, timeEmulate } from '../../bench/measure/cli';

test('vfio-lens check over a generated tree and emulate over generated cases are timed and checked', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-bench-cli-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const tree = writeDriverTree(path.join(tmp, 'tree'), 4);
  assert.ok((await timeCheck(path.join(tmp, 'tree'), tree.files.length)).ms > 0);
  await assert.rejects(timeCheck(path.join(tmp, 'tree'), 5), /read 4 of 5 files/);
  const cases = path.join(tmp, 'cases.jsonl');
  fs.writeFileSync(cases, emulateCases(25));
  const e = await timeEmulate(cases, 25);
  assert.ok(e.ms > 0 && (e.cpuMs === undefined || e.cpuMs >= 0));
  fs.appendFileSync(cases, '{"kernel":"5.1"}\n');
  await assert.rejects(timeEmulate(cases, 26), /vfio-lens emulate: exit 2/);
});
