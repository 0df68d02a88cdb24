import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLspci } from '../../../server/src/analyzers/lspci/lspciParse';
import { dumpRegisters } from '../../../server/src/analyzers/lspci/configDump';
import { withinHangBound } from '../../support/hangBound';

test('a -nn header, 64-bit regions with sizes, [disabled], <unassigned>, the ROM, driver and modules', () => {
  const text = [
    '0009:01:00.0 3D controller [0302]: NVIDIA Corporation GH100 [GH200 480GB] [10de:2342] (rev a1)',
    '\tRegion 0: Memory at 661002000000 (64-bit, prefetchable) [disabled] [size=16M]',
    '\tRegion 2: Memory at <unassigned> (64-bit, prefetchable) [size=128G]',
    '\tRegion 5: I/O ports at 1000 [size=128]',
    '\tExpansion ROM at 3e000000 [virtual] [disabled] [size=512K]',
    '\tKernel driver in use: nvgrace_gpu_vfio_pci',
    '\tKernel modules: nvidiafb, nouveau, nvgrace_gpu_vfio_pci',
  ].join('\n');
  const [d] = parseLspci(text);
  assert.equal(d.bdf, '0009:01:00.0');
  assert.equal(d.domain, '0009');
  assert.equal(d.className, '3D controller [0302]');
  assert.equal(d.vendorId, 0x10de);
  assert.equal(d.deviceId, 0x2342);
  assert.deepEqual(d.idSpan, { line: 0, start: 74, end: 85 });
  assert.deepEqual(
    d.regions.map((r) => [r.kind, r.index, r.address, r.unassigned, r.bits, r.prefetchable, r.disabled, r.virtual, r.size]),
    [
      ['memory', 0, 0x661002000000n, false, '64-bit', true, true, false, 16n << 20n],
      ['memory', 2, undefined, true, '64-bit', true, false, false, 128n << 30n],
      ['io', 5, 0x1000n, false, undefined, undefined, false, false, 128n],
      ['rom', undefined, 0x3e000000n, false, undefined, undefined, true, true, 512n << 10n],
    ],
  );
  assert.deepEqual(d.regions[0].sizeSpan, { line: 1, start: 68, end: 78 });
  assert.deepEqual(d.driver, { name: 'nvgrace_gpu_vfio_pci', line: 5, start: 23, end: 43 });
  assert.deepEqual(d.modules?.map((m) => [m.name, m.start]), [['nvidiafb', 17], ['nouveau', 27], ['nvgrace_gpu_vfio_pci', 36]]);
});

test('without -nn: no domain, the ID from "Device XXXX", the vendor from its name; non-prefetchable is not prefetchable', () => {
  const [d] = parseLspci('01:00.0 3D controller: NVIDIA Corporation Device 2941 (rev a1)\n        Region 0: Memory at 10000000 (32-bit, non-prefetchable) [size=16M]\n');
  assert.equal(d.domain, undefined);
  assert.equal(d.vendorId, 0x10de);
  assert.equal(d.deviceId, 0x2941);
  assert.equal(d.regions[0].prefetchable, false);
  assert.equal(d.regions[0].span.start, 8);
});

test('property: any text parses without throwing, spans stay on their lines', () => {
  const piece = fc.constantFrom('0009:01:00.0 ', '01:00.0 ', '3D controller', ': ', '[10de:2342]', '\tRegion 4: ', 'Memory at ', '<unassigned> ', '(64-bit, prefetchable) ', '[size=128G]', '[size=', '\n', '\tKernel driver in use: ', 'vfio-pci', '\tKernel modules: ', ', ', 'x', '10:', '20:', ' 0c', ' 00', ' 80', ' ');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const lines = text.split('\n');
      for (const d of parseLspci(text)) {
        for (const s of [d.header, ...d.regions.map((r) => r.span), ...(d.driver ? [d.driver] : []), ...(d.modules ?? [])]) {
          assert.ok(s.start >= 0 && s.end <= lines[s.line].length && s.start <= s.end, JSON.stringify(s));
        }
        for (const l of d.config) {
          l.columns.forEach((c, i) => assert.equal(parseInt(lines[l.line].slice(c, c + 2), 16), l.bytes[i], JSON.stringify(l)));
        }
        for (const r of dumpRegisters(d)) for (const s of r.spans) assert.ok(s.start >= 0 && s.end <= lines[s.line].length && s.start < s.end, JSON.stringify(s));
      }
    }),
    { numRuns: 500 },
  );
});

test('regression (fuzz): lines ended by a lone \\r count as lines, so spans stay on the line the editor shows', () => {
  const text = ['\r', '0009:01:00.0 3D controller [0302]: NVIDIA Corporation GH100 [GH200 480GB] [10de:2342] (rev a1)\r', '\tRegion 4: Memory at 661000000000 (64-bit, prefetchable) [size=128G]'].join('');
  const [d] = parseLspci(text);
  assert.equal(d.header.line, 1);
  assert.equal(d.regions[0].span.line, 2);
  assert.equal(d.regions[0].size, 128n << 30n);
});

test('regression (fuzz): a 100 KB region line holding a U+2028 is read at once (the region pattern used to backtrack for seconds)', () => {
  const line = `\tRegion 4: Memory at ${'f'.repeat(100_000)}\u2028 (64-bit, prefetchable) [size=128G]`;
  const text = `0009:01:00.0 3D controller [0302]: NVIDIA Corporation GH100 [GH200 480GB] [10de:2342] (rev a1)\n${line}\n\tExpansion ROM at ${'e'.repeat(100_000)}\u2029 [disabled]\n`;
  const [d] = withinHangBound(1000, 'a 100 KB region line with a line separator', () => parseLspci(text));
  assert.equal(d.regions.length, 2);
  assert.equal(d.regions[0].index, 4);
  assert.equal(d.regions[0].size, 128n << 30n);
});

test('lspci -x: hex dump lines belong to the device above them; the BAR2/BAR4 registers are read little-endian with their byte spans', () => {
  const text = [
    '01:00.0 3D controller [0302]: NVIDIA Corporation GH100 [GH200 480GB] [10de:2342] (rev a1)',
    '\tRegion 4: Memory at 8000000000 (64-bit, prefetchable) [size=128G]',
    '00: de 10 42 23 06 04 10 00 a1 00 02 03 00 00 00 00',
    '10: 0c 00 00 41 a0 00 00 00 0c 00 00 00 a0 00 00 00',
    '20: 0c 00 00 00 80 00 00 00 00 00 00 00 de 10 eb 16',
    '',
    '02:00.0 Ethernet controller: Red Hat, Inc. Virtio network device',
    '10: 00 00 00 00',
  ].join('\n');
  const [gpu, nic] = parseLspci(text);
  assert.deepEqual(gpu.config.map((l) => [l.line, l.offset, l.bytes.length]), [[2, 0, 16], [3, 0x10, 16], [4, 0x20, 16]]);
  // "10:" is three characters; byte i starts at column 4 + 3i
  assert.deepEqual(gpu.config[1].columns.slice(0, 3), [4, 7, 10]);
  assert.equal(gpu.regions.length, 1, 'the dump does not end the device: its region line stays');
  assert.deepEqual(
    dumpRegisters(gpu).map((r) => [r.regionIndex, r.offset, '0x' + r.value.toString(16), r.spans]),
    [
      // 0x18–0x1f: bytes 8–15 of line "10:", columns 28 to 51
      [2, 0x18, '0xa00000000c', [{ line: 3, start: 28, end: 51 }]],
      [4, 0x20, '0x800000000c', [{ line: 4, start: 4, end: 27 }]],
    ],
  );
  assert.equal(nic.config.length, 1);
  assert.deepEqual(dumpRegisters(nic), [], 'a register without all eight bytes is not read');
});
