// The status bar tooltip: the device and the BAR sizes the model gives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceTooltip } from '../../../client/src/deviceTooltip';
import { layoutReport } from '../../../shared/layoutReport';
import { layout, parseKernel } from '../../../server/src/model';

function active(name: string, memlength: bigint, migHwBug: boolean, kernel = '6.14', bdf?: string) {
  const k = parseKernel(kernel);
  assert.ok(k.ok);
  return { profile: { name, source: 'preset', kernel, pageSize: 65536 as const, ...(bdf ? { bdf } : {}) }, report: layoutReport(layout(k.kernel, 0x400000000000n, memlength, migHwBug), 65536) };
}

test('a GH200 96 GB: BAR2 resmem 1 GiB and BAR4 usemem 128 GiB (domain example A)', () => {
  assert.equal(
    deviceTooltip(active('gh200-lab', 0x1800000000n, true, '6.14', '0009:01:00.0')),
    '**vfio-lens**: numbers are computed for **gh200-lab** — kernel 6.14, 64 KiB pages, 0009:01:00.0\n\nBAR2 resmem 1 GiB · BAR4 usemem 128 GiB\n\nClick to pick another device.',
  );
});

test('a GB200 186 GiB: BAR4 usemem 256 GiB and no resmem (domain example F)', () => {
  assert.match(deviceTooltip(active('gb200-rack-a', 0x2e80000000n, false)), /\n\nBAR4 usemem 256 GiB · no resmem: region 2 is the physical BAR\n\n/);
});

test('a device whose probe fails says so instead of BAR sizes (domain example D: 1.25 GiB)', () => {
  assert.match(deviceTooltip(active('tiny', 0x50000000n, true)), /\n\nNo fake BARs: probe fails with EINVAL \(.+\)\n\n/);
});
