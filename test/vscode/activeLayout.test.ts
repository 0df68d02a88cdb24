// vfioLens/activeLayout through the extension's client: the model's numbers,
// and settings written in VS Code changing them.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { activeLayoutRequest, listProfilesRequest } from '../../shared/protocol';
import { openFixture, request, resetSettings, setSettings, untilServer } from './support/editor';

describe('active layout', () => {
  it('defaults to the GH200 96 GB preset on mainline (domain example A)', async () => {
    const r = await request(activeLayoutRequest, {});
    assert.equal(r.profile.name, 'GH200 96 GB');
    assert.equal(r.profile.source, 'preset');
    assert.deepEqual(r.report.layout, {
      ok: true,
      // 96 GiB − 1 GiB = 95 GiB, already 512 MiB-aligned → BAR 128 GiB; region index 4 → fd offset 4 << 40
      usemem: { memphys: '0x400000000000', memlength: '0x17c0000000', barSize: '0x2000000000', regionIndex: 4, regionOffset: '0x40000000000' },
      // the 1 GiB carve-out right after usemem, region index 2 → fd offset 2 << 40
      resmem: { memphys: '0x4017c0000000', memlength: '0x40000000', barSize: '0x40000000', regionIndex: 2, regionOffset: '0x20000000000' },
    });
  });

  describe('settings changed in the editor take effect', () => {
    const LAB = { name: 'lab GH', memphys: '0x400000000000', memlength: '0x1050000000' }; // 65.25 GiB: domain example C
    before(async () => {
      await openFixture('ring.c'); // the server re-publishes open documents once new settings apply
    });
    after(async () => {
      await resetSettings(['kernel', 'profile']);
      await untilServer(async () => ((await request(activeLayoutRequest, {})).profile.name === 'GH200 96 GB' ? true : undefined), 'the default device again');
    });

    it('an inline profile on kernel 6.13: usemem BAR 64 GiB, resmem 1.25 GiB in a 2 GiB BAR', async () => {
      await setSettings({ kernel: '6.13', profile: LAB });
      const r = await untilServer(async () => {
        const a = await request(activeLayoutRequest, {});
        return a.profile.name === LAB.name && a.report.kernel === '6.13' ? a : undefined;
      }, 'the server to use the lab GH device on 6.13');
      assert.equal(r.profile.source, 'settings');
      assert.deepEqual(r.report.layout, {
        ok: true,
        // 65.25 − 1 = 64.25 GiB, rounded down to 512 MiB = 64 GiB, sized after rounding → 64 GiB
        usemem: { memphys: '0x400000000000', memlength: '0x1000000000', barSize: '0x1000000000', regionIndex: 4, regionOffset: '0x40000000000' },
        resmem: { memphys: '0x401000000000', memlength: '0x50000000', barSize: '0x80000000', regionIndex: 2, regionOffset: '0x20000000000' },
      });
      const list = await request(listProfilesRequest, {});
      assert.equal(list.active, LAB.name);
    });

    it('switching the kernel setting to 6.14 doubles the usemem BAR (sized before the rounding)', async () => {
      await setSettings({ kernel: '6.14', profile: LAB });
      const r = await untilServer(async () => {
        const a = await request(activeLayoutRequest, {});
        return a.report.kernel === '6.14' ? a : undefined;
      }, 'the server to use kernel 6.14');
      // 64.25 GiB rounds up to 128 GiB before the 512 MiB round-down
      assert.equal(r.report.layout.ok && r.report.layout.usemem.barSize, '0x2000000000');
      assert.equal(r.report.layout.ok && r.report.layout.usemem.memlength, '0x1000000000');
    });
  });
});
