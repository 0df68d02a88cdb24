// vfioLens/activeLayout through the extension's client: the sample
// workspace's first device, with the model's numbers.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { activeLayoutRequest } from '../../shared/protocol';
import { request, sampleUri } from './support/editor';

describe('active layout', () => {
  it("is the sample workspace's first device: gh200-lab, the GH200 96 GB SKU on mainline (domain example A)", async () => {
    const r = await request(activeLayoutRequest, {});
    assert.equal(r.profile.name, 'gh200-lab');
    assert.equal(r.profile.source, sampleUri('.vfio-lens.json').toString(), 'read from the workspace profile file');
    assert.equal(r.profile.bdf, '0009:01:00.0');
    assert.deepEqual(r.report.layout, {
      ok: true,
      // 96 GiB − 1 GiB = 95 GiB, already 512 MiB-aligned → BAR 128 GiB; region index 4 → fd offset 4 << 40
      usemem: { memphys: '0x400000000000', memlength: '0x17c0000000', barSize: '0x2000000000', regionIndex: 4, regionOffset: '0x40000000000' },
      // the 1 GiB carve-out right after usemem, region index 2 → fd offset 2 << 40
      resmem: { memphys: '0x4017c0000000', memlength: '0x40000000', barSize: '0x40000000', regionIndex: 2, regionOffset: '0x20000000000' },
    });
  });
});
