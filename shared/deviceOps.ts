// Device operations and their results in JSON: the `vfio-lens emulate --jsonl`
// contract, also used by the layout view's playground.
import { z } from 'zod';
import { u64Hex, toHex } from './u64';
import type { DeviceOp, DeviceOpResult } from '../server/src/model/device';
import type { LayoutError, LayoutOk, MemRegion } from '../server/src/model/layout';

const width = z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)], { error: 'width must be 1, 2, 4 or 8' });
const configOffset = z.number({ error: 'config offset must be a number' }).int().min(0).max(4095, { error: 'config offset must be below 4096' });
const regionIndex = z.number({ error: 'region index must be a number' }).int().min(0).max(255);

export const deviceOpSchema = z.discriminatedUnion(
  'op',
  [
    z.strictObject({ op: z.literal('configRead'), offset: configOffset, width }),
    z.strictObject({ op: z.literal('configWrite'), offset: configOffset, width, value: u64Hex }),
    z.strictObject({ op: z.literal('reset') }),
    z.strictObject({ op: z.literal('regionRead'), index: regionIndex, offset: u64Hex, count: u64Hex }),
    z.strictObject({ op: z.literal('regionWrite'), index: regionIndex, offset: u64Hex, count: u64Hex }),
    z.strictObject({ op: z.literal('mmap'), pgoff: u64Hex, length: u64Hex }),
    z.strictObject({ op: z.literal('regionInfo'), index: regionIndex }),
  ],
  { error: 'op must be one of configRead, configWrite, reset, regionRead, regionWrite, mmap, regionInfo' },
).superRefine((op, ctx) => {
  if ((op.op === 'configRead' || op.op === 'configWrite') && op.offset + op.width > 4096) {
    ctx.addIssue({ code: 'custom', message: `access of ${op.width} bytes at ${op.offset} runs past the 4096-byte config space` });
  }
  if (op.op === 'configWrite' && op.value >> BigInt(8 * op.width) !== 0n) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: `value ${toHex(op.value)} does not fit in ${op.width} byte(s)` });
  }
});

export const emulateCaseSchema = z.strictObject({
  kernel: z.string().default('mainline'),
  memphys: u64Hex,
  memlength: u64Hex,
  migHwBug: z.boolean().default(true),
  pageSize: z.union([z.literal(4096), z.literal(65536)], { error: 'pageSize must be 4096 or 65536' }).default(65536),
  ops: z.array(deviceOpSchema).default([]),
});

export type EmulateCase = z.infer<typeof emulateCaseSchema>;

// The parsed ops are exactly the model's operations.
const _opsMatch: (o: z.infer<typeof deviceOpSchema>) => DeviceOp = (o) => o;
void _opsMatch;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function regionJson(r: MemRegion): Json {
  return {
    memphys: toHex(r.memphys),
    memlength: toHex(r.memlength),
    barSize: toHex(r.barSize),
    regionIndex: r.regionIndex,
    regionOffset: toHex(r.regionOffset),
  };
}

export function layoutJson(l: LayoutOk | LayoutError): Json {
  if (!l.ok) return { ok: false, error: l.error, message: l.message };
  return { ok: true, usemem: regionJson(l.usemem), resmem: l.resmem ? regionJson(l.resmem) : null };
}

export function opResultJson(r: DeviceOpResult, width?: number): Json {
  switch (r.op) {
    case 'reset':
      return {};
    case 'configRead': {
      const x = r.result;
      if (!x.emulated) return { emulated: false };
      return x.coreMask === 0n ? { emulated: true, value: toHex(x.value) } : { emulated: true, value: toHex(x.value), coreMask: toHex(x.coreMask) };
    }
    case 'configWrite': {
      const x = r.result;
      if (!x.emulated) return { emulated: false };
      return width !== undefined && x.count < width ? { emulated: true, count: x.count } : { emulated: true };
    }
    case 'regionRead':
    case 'regionWrite': {
      const x = r.result;
      if (!x.emulated) return { emulated: false };
      if ('error' in x) return { emulated: true, error: x.error };
      const tail = r.op === 'regionRead' ? 'filled' : 'dropped';
      return { emulated: true, count: toHex(x.count), device: toHex(x.device), [tail]: toHex(x.beyond) };
    }
    case 'mmap': {
      const x = r.result;
      if (!x.emulated) return { emulated: false };
      if ('error' in x) return { emulated: true, error: x.error };
      return { emulated: true, pfn: toHex(x.pfn), cache: x.cache };
    }
    case 'regionInfo': {
      const x = r.result;
      if (!x.emulated) return { emulated: false };
      return {
        emulated: true,
        offset: toHex(x.offset),
        size: toHex(x.size),
        flags: toHex(x.flags),
        sparse: x.sparse.map((a) => ({ offset: toHex(a.offset), size: toHex(a.size) })),
      };
    }
  }
}
