// `lspci -v…` text → devices with their BAR lines, driver and modules, each
// with the exact line/column spans a hover or a diagnostic needs. Lines it
// does not know are skipped: a dump is often pasted in part.

export interface Span {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface LspciRegion {
  readonly kind: 'memory' | 'io' | 'rom';
  /** "Region N"; undefined for the expansion ROM. */
  readonly index?: number;
  /** The whole line, without its indent. */
  readonly span: Span;
  readonly address?: bigint;
  /** `<unassigned>` or `<ignored>`: the BAR has no address. */
  readonly unassigned: boolean;
  readonly bits?: string;
  readonly prefetchable?: boolean;
  readonly disabled: boolean;
  readonly virtual: boolean;
  readonly size?: bigint;
  /** The `[size=…]` text. */
  readonly sizeSpan?: Span;
}

export interface NamedSpan extends Span {
  readonly name: string;
}

/** One line of an `lspci -x`/`-xxx` hex dump: config-space bytes from `offset` on. */
export interface ConfigDumpLine {
  readonly line: number;
  readonly offset: number;
  readonly bytes: readonly number[];
  /** Column of each byte's first hex digit (each is two characters wide). */
  readonly columns: readonly number[];
}

export interface LspciDevice {
  readonly bdf: string;
  /** "0009" when lspci printed a domain. */
  readonly domain?: string;
  readonly header: Span;
  readonly bdfSpan: Span;
  readonly className: string;
  readonly description: string;
  readonly vendorId?: number;
  readonly deviceId?: number;
  /** The `[10de:2342]` text, or the `Device 2342` text without -nn. */
  readonly idSpan?: Span;
  readonly regions: LspciRegion[];
  driver?: NamedSpan;
  modules?: NamedSpan[];
  /** The config-space hex dump (`lspci -x`), by line. */
  readonly config: ConfigDumpLine[];
}

// Lines are split already; `s` lets `.` take U+2028/U+2029 too, so `(.*)$` cannot fail and send
// `(\S+)` into backtracking (a 100 KB region line with a U+2028 took 5 s).
const HEADER = /^((?:([0-9a-fA-F]{4,8}):)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])\s+(.*)$/s;
const IDS = /\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\]/g;
const DEVICE_WORD = /\bDevice ([0-9a-fA-F]{4})\b/;
// lspci numbers regions 0–5; a longer number is not a region line (and would not fit a JS number exactly).
const REGION = /^Region (\d{1,3}): (\[virtual\] )?(Memory at|I\/O ports at) (\S+)(?: \(([^)]*)\))?(.*)$/s;
const ROM = /^Expansion ROM at (\S+)(.*)$/s;
const SIZE = /\[size=(\d+)([KMGTP]?)\]/;
const UNITS: Record<string, bigint> = { '': 0n, K: 10n, M: 20n, G: 30n, T: 40n, P: 50n };
// `lspci -x` prints "%02x:" and then " %02x" per byte, 16 to a line, unindented.
const HEX_LINE = /^([0-9a-fA-F]{2,3}):((?: [0-9a-fA-F]{2}){1,16})\s*$/;
const VENDOR_NAMES: ReadonlyArray<[RegExp, number]> = [[/\bNVIDIA\b/i, 0x10de]];

function parseHeader(line: number, text: string): LspciDevice | undefined {
  const m = HEADER.exec(text);
  if (!m) return undefined;
  const rest = m[3];
  const colon = rest.indexOf(': ');
  const className = colon >= 0 ? rest.slice(0, colon) : rest;
  const description = colon >= 0 ? rest.slice(colon + 2) : '';
  const descStart = text.length - rest.length + (colon >= 0 ? colon + 2 : rest.length);
  let vendorId: number | undefined;
  let deviceId: number | undefined;
  let idSpan: Span | undefined;
  // With -nn the last [vvvv:dddd] of the description is the device's own ID.
  const ids = [...description.matchAll(IDS)];
  const id = ids[ids.length - 1];
  if (id) {
    vendorId = parseInt(id[1], 16);
    deviceId = parseInt(id[2], 16);
    idSpan = { line, start: descStart + id.index!, end: descStart + id.index! + id[0].length };
  } else {
    const w = DEVICE_WORD.exec(description);
    vendorId = VENDOR_NAMES.find(([re]) => re.test(description))?.[1];
    if (w) {
      deviceId = parseInt(w[1], 16);
      idSpan = { line, start: descStart + w.index, end: descStart + w.index + w[0].length };
    }
  }
  return {
    bdf: m[1].toLowerCase(),
    ...(m[2] ? { domain: m[2].toLowerCase().padStart(4, '0') } : {}),
    header: { line, start: 0, end: text.length },
    bdfSpan: { line, start: 0, end: m[1].length },
    className,
    description,
    ...(vendorId !== undefined ? { vendorId } : {}),
    ...(deviceId !== undefined ? { deviceId } : {}),
    ...(idSpan ? { idSpan } : {}),
    regions: [],
    config: [],
  };
}

function sizeOf(rest: string, line: number, offset: number): { size?: bigint; sizeSpan?: Span } {
  const s = SIZE.exec(rest);
  if (!s) return {};
  return { size: BigInt(s[1]) << UNITS[s[2]], sizeSpan: { line, start: offset + s.index, end: offset + s.index + s[0].length } };
}

function address(text: string): { address?: bigint; unassigned: boolean } {
  if (/^[0-9a-fA-F]+$/.test(text)) return { address: BigInt('0x' + text), unassigned: false };
  return { unassigned: text.startsWith('<') };
}

function parseRegion(line: number, indent: number, body: string): LspciRegion | undefined {
  const r = REGION.exec(body);
  const span = { line, start: indent, end: indent + body.length };
  if (r) {
    const attrs = r[5] ?? '';
    const restOffset = indent + body.length - r[6].length;
    return {
      kind: r[3] === 'Memory at' ? 'memory' : 'io',
      index: Number(r[1]),
      span,
      ...address(r[4]),
      ...(attrs ? { bits: attrs.split(',')[0].trim(), prefetchable: /(?<!non-)prefetchable/.test(attrs) } : {}),
      disabled: r[6].includes('[disabled]'),
      virtual: !!r[2] || r[6].includes('[virtual]'),
      ...sizeOf(r[6], line, restOffset),
    };
  }
  const rom = ROM.exec(body);
  if (rom) {
    const restOffset = indent + body.length - rom[2].length;
    return { kind: 'rom', span, ...address(rom[1]), disabled: rom[2].includes('[disabled]'), virtual: rom[2].includes('[virtual]'), ...sizeOf(rom[2], line, restOffset) };
  }
  return undefined;
}

function dumpLine(line: number, m: RegExpExecArray): ConfigDumpLine {
  const first = m[1].length + 1;
  const count = m[2].length / 3;
  const columns = Array.from({ length: count }, (_, i) => first + 3 * i + 1);
  const bytes = columns.map((c) => parseInt(m[0].slice(c, c + 2), 16));
  return { line, offset: parseInt(m[1], 16), bytes, columns };
}

export function parseLspci(text: string): LspciDevice[] {
  const devices: LspciDevice[] = [];
  let current: LspciDevice | undefined;
  // Lines as the editor counts them: a lone \r ends a line too.
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, line) => {
    if (!raw.trim()) return;
    if (!/^\s/.test(raw)) {
      const hex = HEX_LINE.exec(raw);
      if (hex && current) {
        current.config.push(dumpLine(line, hex));
        return;
      }
      current = parseHeader(line, raw);
      if (current) devices.push(current);
      return;
    }
    if (!current) return;
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trimEnd().slice(indent);
    const region = parseRegion(line, indent, body);
    if (region) {
      current.regions.push(region);
      return;
    }
    const drv = /^Kernel driver in use: (\S+)/.exec(body);
    if (drv) {
      const start = indent + 'Kernel driver in use: '.length;
      current.driver = { name: drv[1], line, start, end: start + drv[1].length };
      return;
    }
    const mods = /^Kernel modules: (.*)$/s.exec(body);
    if (mods) {
      let at = indent + 'Kernel modules: '.length;
      current.modules = mods[1].split(',').map((part) => {
        const name = part.trim();
        const start = raw.indexOf(name, at);
        at = start + name.length;
        return { name, line, start, end: start + name.length };
      });
    }
  });
  return devices;
}
