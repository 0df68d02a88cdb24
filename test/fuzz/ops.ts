// Random device operations for the playground (vfioLens/emulate) and the
// CLI's emulate: mostly near the edges that matter (BAR ends, the 2^40 region
// stride, 2^53, 2^64), in the JSON form the protocol carries.
import type { DeviceOpJson } from '../../shared/playground';
import { deviceOpSchema } from '../../shared/deviceOps';
import type { DeviceOp } from '../../server/src/model';
import type { Rng } from './rng';

const U64_MAX = (1n << 64n) - 1n;

/** Values around every boundary a 64-bit field has, and around a double's precision. */
export const EDGE_U64: readonly bigint[] = [
  0n, 1n, 0xcn, 0xffn, 0xfffn, 0x1000n, 0xffff_ffffn, 0x1_0000_0000n,
  (1n << 30n) - 1n, 1n << 30n, (1n << 37n), (1n << 40n) - 1n, 1n << 40n, (1n << 40n) + 1n,
  (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n, (1n << 53n) + 3n,
  (1n << 63n) - 1n, 1n << 63n, (1n << 63n) + 1n, U64_MAX - (1n << 30n), U64_MAX - 1n, U64_MAX,
];

export function edgeU64(rng: Rng): bigint {
  if (rng.chance(0.6)) return rng.pick(EDGE_U64);
  const bits = BigInt(rng.between(1, 64));
  const r = (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
  return r & ((1n << bits) - 1n);
}

const hex = (v: bigint) => '0x' + v.toString(16);
const WIDTHS = [1, 2, 4, 8] as const;

/** One op in JSON form; sometimes not a valid one (the schema decides). */
export function randomOpJson(rng: Rng): DeviceOpJson {
  const width = rng.chance(0.95) ? rng.pick(WIDTHS) : rng.between(0, 9);
  const offset = rng.chance(0.7) ? rng.pick([0x10, 0x14, 0x18, 0x1c, 0x20, 0x24, 0x04, 0x00, 0x3c, 0x0e, 0x1f, 0x23]) : rng.between(0, 4100);
  const index = rng.chance(0.8) ? rng.pick([0, 1, 2, 3, 4, 5, 7, 9]) : rng.between(0, 300);
  switch (rng.int(7)) {
    case 0:
      return { op: 'configRead', offset, width };
    case 1: {
      const v = edgeU64(rng);
      return { op: 'configWrite', offset, width, value: hex(rng.chance(0.8) && width <= 8 ? v & ((1n << BigInt(8 * Math.min(width, 8))) - 1n) : v) };
    }
    case 2:
      return { op: 'reset' };
    case 3:
      return { op: rng.chance(0.5) ? 'regionRead' : 'regionWrite', index, offset: hex(edgeU64(rng)), count: hex(edgeU64(rng)) };
    case 4:
      return { op: 'mmap', pgoff: hex(edgeU64(rng)), length: hex(edgeU64(rng)) };
    default:
      return { op: 'regionInfo', index };
  }
}

/** A list of ops that pass the emulate contract, parsed as the server parses them. */
export function randomOps(rng: Rng, max: number): { json: DeviceOpJson[]; ops: DeviceOp[] } {
  const json: DeviceOpJson[] = [];
  const ops: DeviceOp[] = [];
  for (let n = rng.between(0, max); n > 0; n--) {
    const j = randomOpJson(rng);
    const p = deviceOpSchema.safeParse(j);
    if (!p.success) continue;
    json.push(j);
    ops.push(p.data);
  }
  return { json, ops };
}
