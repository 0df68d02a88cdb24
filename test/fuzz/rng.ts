// A small seeded generator (sfc32): every fuzz case is derived from the run's
// seed and its own index, so one case replays alone from the two numbers.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9;
    this.b = seed >>> 0;
    this.c = stream >>> 0;
    this.d = (seed ^ 0x85ebca6b) >>> 0;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform in [0, 2^32). */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** Uniform in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[this.int(items.length)];
  }

  /** Mostly small, sometimes large: sizes of edits and cuts. */
  size(max: number): number {
    const r = this.u32() / 0x1_0000_0000;
    return Math.min(max, Math.floor(max * r * r * r));
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.u32() & 0xff;
    return b;
  }
}

/** The seed of case `index` of kind `kind` in a run seeded with `seed`. */
export function caseSeed(seed: number, kind: string, index: number): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (const ch of `${kind}#${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** FUZZ_SEED from the environment, else the given default. */
export function seedFromEnv(fallback: number): number {
  const s = process.env.FUZZ_SEED;
  if (s === undefined || s === '') return fallback;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new Error(`FUZZ_SEED must be an integer in [0, 2^32), not "${s}"`);
  return n;
}
