import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lspClient';
import { activeLayoutRequest } from '../../shared/protocol';

test('a null setting means unset, as VS Code sends an object setting nobody set: no warning, defaults apply', async (t) => {
  const c = await startServer(t, { settings: { kernel: '6.13', profile: null } });
  const r = await c.request(activeLayoutRequest, {});
  assert.equal(r.profile.name, 'GH200 96 GB');
  assert.equal(r.report.kernel, '6.13', 'the other settings still apply');
  await c.configure({ kernel: '6.14', profile: null, activeDevice: null });
  assert.equal((await c.request(activeLayoutRequest, {})).report.kernel, '6.14');
  assert.deepEqual(c.shown, []);
  await c.stop();
});
