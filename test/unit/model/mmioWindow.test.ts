import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gpuStride, highmemMmioSizeProblem, placeApertures } from '../../../server/src/model';

const GiB = 1n << 30n;
const MiB = 1n << 20n;
const gh96 = [128n * GiB, GiB, 16n * MiB];
const gb200 = [256n * GiB, 16n * MiB];

test('per-GPU strides from the domain rule of thumb', () => {
  assert.equal(gpuStride(gh96), 256n * GiB);
  assert.equal(gpuStride(gb200), 512n * GiB);
  assert.equal(gpuStride([512n * GiB, 16n * MiB]), 1024n * GiB);
});

test('the 512 GiB default holds two GH200-96 but not three; a GB200 fills it exactly', () => {
  const two = placeApertures([{ name: 'a', bars: gh96 }, { name: 'b', bars: gh96 }]);
  assert.equal(two.fits, true);
  assert.deepEqual(two.placements.map((p) => p.offset), [0n, 256n * GiB]);
  const three = placeApertures([{ name: 'a', bars: gh96 }, { name: 'b', bars: gh96 }, { name: 'c', bars: gh96 }]);
  assert.equal(three.fits, false);
  assert.equal(three.placements[2].fits, false);
  assert.equal(three.neededWindow, 1024n * GiB);
  const gb = placeApertures([{ name: 'gb', bars: gb200 }]);
  assert.equal(gb.fits, true);
  assert.equal(gb.used, 512n * GiB);
  const gb2 = placeApertures([{ name: 'gb0', bars: gb200 }, { name: 'gb1', bars: gb200 }]);
  assert.equal(gb2.fits, false);
  assert.equal(gb2.neededWindow, 1024n * GiB);
});

test('largest blocks first: mixed GPUs pack naturally aligned', () => {
  const fit = placeApertures([{ name: 'small', bars: gh96 }, { name: 'big', bars: gb200 }], 2048n * GiB);
  assert.deepEqual(fit.placements.map((p) => [p.name, p.offset]), [['small', 512n * GiB], ['big', 0n]]);
  for (const p of fit.placements) assert.equal(p.offset % p.stride, 0n);
});

test('QEMU highmem-mmio-size checks', () => {
  assert.equal(highmemMmioSizeProblem(512n * GiB), undefined);
  assert.equal(highmemMmioSizeProblem(4096n * GiB), undefined);
  assert.match(highmemMmioSizeProblem(768n * GiB) ?? '', /not a power of 2/);
  assert.match(highmemMmioSizeProblem(256n * GiB) ?? '', /lower value than the default/);
});
