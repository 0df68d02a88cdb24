// What an ASL table says about nvgrace-gpu: the DefinitionBlock's compliance
// revision (integer width), and per Device its `_DSD` device properties with
// each value classified the way the kernel's property read would see it.
import { bodyTerms, isCall, single, AslCall, AslTerm } from './aslParser';
import type { AslToken } from './aslTokens';

export type PropertyValue =
  | { readonly kind: 'integer'; readonly value: bigint; readonly term: AslTerm; readonly via?: string; readonly constant?: 'Zero' | 'One' | 'Ones' }
  | { readonly kind: 'not-integer'; readonly what: string; readonly term: AslTerm; readonly via?: string }
  | { readonly kind: 'unknown'; readonly why: string; readonly start: number; readonly end: number };

export interface DsdProperty {
  readonly key: AslToken;
  /** The `Package () { "key", value }` entry. */
  readonly entry: AslCall;
  /** The device-properties UUID of the package holding it, lowercased ('' when unreadable). */
  readonly uuid: string;
  readonly value: PropertyValue;
  /** Where the value is written (for a missing value: the entry). */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface DsdDevice {
  /** Absolute namespace path, e.g. `\_SB.PCI9.RP00.GPU0`. */
  readonly path: string;
  /** The `Device (…)` term, when the _DSD sits in one. */
  readonly device?: AslCall;
  /** `Name (_DSD, …)` or `Method (_DSD, …)`. */
  readonly dsd: AslCall;
  readonly properties: readonly DsdProperty[];
}

export interface AslTable {
  /** The DefinitionBlock's third argument. */
  readonly revision?: { readonly value: bigint; readonly term: AslTerm };
  readonly devices: readonly DsdDevice[];
}

/** Keywords that yield a value but never an Integer. */
const NON_INTEGER: Record<string, string> = {
  buffer: 'a Buffer',
  package: 'a Package',
  varpackage: 'a Package',
  unicode: 'a Buffer (Unicode)',
  touuid: 'a Buffer (UUID)',
  tobuffer: 'a Buffer',
  tostring: 'a String',
  todecimalstring: 'a String',
  tohexstring: 'a String',
  concatenate: 'a String or Buffer',
};

const ROOT = '\\';

/** Scope path + ASL name path → absolute path segments. */
function resolvePath(scope: readonly string[], name: string): string[] {
  let rest = name;
  let out: string[];
  if (rest.startsWith(ROOT)) {
    out = [];
    rest = rest.slice(1);
  } else {
    out = [...scope];
    while (rest.startsWith('^')) {
      out.pop();
      rest = rest.slice(1);
    }
  }
  // NameSegs are four characters, padded with '_': `_SB` and `_SB_` are one name.
  return rest ? [...out, ...rest.toUpperCase().split('.').map((seg) => seg.padEnd(4, '_'))] : out;
}

function pathText(segs: readonly string[]): string {
  return ROOT + segs.join('.');
}

interface Walk {
  revision?: AslTable['revision'];
  devices: DsdDevice[];
  /** Named objects: absolute path → the value item of `Name (X, value)`. */
  names: Map<string, readonly AslTerm[]>;
  pendingDsd: Array<{ scope: string[]; device?: AslCall; dsd: AslCall; pkg: AslCall | undefined }>;
}

function argName(c: AslCall, i = 0): string | undefined {
  const t = single(c.args?.items[i]);
  return t?.kind === 'call' && t.name && !t.args && !t.body ? t.name.text : undefined;
}

/** `Return (Package () {…})` anywhere in a method body. */
function returnedPackage(terms: readonly AslTerm[]): AslCall | undefined {
  for (const t of terms) {
    if (t.kind !== 'call') continue;
    if (isCall(t, 'Return')) {
      const v = single(t.args?.items[0]);
      if (isCall(v, 'Package') || isCall(v, 'VarPackage')) return v;
    }
    const inner = returnedPackage(bodyTerms(t));
    if (inner) return inner;
  }
  return undefined;
}

function walk(terms: readonly AslTerm[], scope: string[], device: AslCall | undefined, w: Walk): void {
  for (const t of terms) {
    if (t.kind !== 'call' || !t.name) {
      if (t.kind === 'call') walk(bodyTerms(t), scope, device, w);
      continue;
    }
    const kw = t.name.text.toLowerCase();
    if (kw === 'definitionblock') {
      const rev = single(t.args?.items[2]);
      if (rev?.kind === 'int' && w.revision === undefined) w.revision = { value: rev.token.value!, term: rev };
      walk(bodyTerms(t), [], undefined, w);
    } else if (kw === 'scope' || kw === 'device') {
      const n = argName(t);
      const inner = n ? resolvePath(scope, n) : scope;
      walk(bodyTerms(t), inner, kw === 'device' ? t : device, w);
    } else if (kw === 'name') {
      const n = argName(t);
      if (!n) continue;
      const value = t.args?.items[1] ?? [];
      w.names.set(pathText(resolvePath(scope, n)), value);
      if (n.toUpperCase() === '_DSD') {
        const v = single(value);
        w.pendingDsd.push({ scope, device, dsd: t, pkg: isCall(v, 'Package') || isCall(v, 'VarPackage') ? v : undefined });
      }
    } else if (kw === 'method') {
      const n = argName(t);
      if (n?.toUpperCase() === '_DSD') w.pendingDsd.push({ scope, device, dsd: t, pkg: returnedPackage(bodyTerms(t)) });
    } else {
      walk(bodyTerms(t), scope, device, w);
    }
  }
}

/** ToUUID ("…") or a string: the UUID text, lowercased. */
function uuidOf(t: AslTerm | undefined): string {
  if (isCall(t, 'ToUUID')) {
    const s = single(t.args?.items[0]);
    return s?.kind === 'string' ? s.token.text.toLowerCase() : '';
  }
  return '';
}

function evaluate(item: readonly AslTerm[], scope: readonly string[], names: Walk['names'], seen: Set<string>): PropertyValue {
  const t = single(item);
  if (!t) {
    const start = item[0]?.start ?? 0;
    return { kind: 'unknown', why: item.length ? 'an expression vfio-lens does not evaluate' : 'no value', start, end: item[item.length - 1]?.end ?? start };
  }
  if (t.kind === 'int') return { kind: 'integer', value: t.token.value!, term: t };
  if (t.kind === 'string') return { kind: 'not-integer', what: 'a String', term: t };
  if (t.kind !== 'call' || !t.name) return { kind: 'unknown', why: 'an expression vfio-lens does not evaluate', start: t.start, end: t.end };
  const kw = t.name.text.toLowerCase();
  if (NON_INTEGER[kw]) return { kind: 'not-integer', what: NON_INTEGER[kw], term: t };
  if (!t.args && !t.body) {
    if (kw === 'zero') return { kind: 'integer', value: 0n, term: t, constant: 'Zero' };
    if (kw === 'one') return { kind: 'integer', value: 1n, term: t, constant: 'One' };
    if (kw === 'ones') return { kind: 'integer', value: (1n << 64n) - 1n, term: t, constant: 'Ones' };
    // A named object: ASL searches the scope, then each parent scope, for a one-segment name.
    const candidates: string[] = [];
    if (t.name.text.includes('.') || t.name.text.startsWith(ROOT) || t.name.text.startsWith('^')) candidates.push(pathText(resolvePath(scope, t.name.text)));
    else for (let n = scope.length; n >= 0; n--) candidates.push(pathText([...scope.slice(0, n), t.name.text.toUpperCase().padEnd(4, '_')]));
    const hit = candidates.find((c) => names.has(c));
    if (hit && !seen.has(hit)) {
      const v = evaluate(names.get(hit)!, scope, names, new Set([...seen, hit]));
      if (v.kind === 'unknown') return { ...v, start: t.start, end: t.end };
      return { ...v, term: t, via: hit };
    }
    return { kind: 'unknown', why: `${t.name.text} is not a Name defined in this file`, start: t.start, end: t.end };
  }
  return { kind: 'unknown', why: `${t.name.text} (…) is not evaluated`, start: t.start, end: t.end };
}

/** `Package () { ToUUID (…), Package () { Package () { "key", value }, … }, … }` → properties. */
function properties(pkg: AslCall | undefined, scope: readonly string[], names: Walk['names']): DsdProperty[] {
  const out: DsdProperty[] = [];
  const items = pkg?.body?.items ?? [];
  for (let i = 0; i + 1 < items.length; i += 2) {
    const uuid = uuidOf(single(items[i]));
    const list = single(items[i + 1]);
    if (!isCall(list, 'Package')) continue;
    for (const e of list.body?.items ?? []) {
      const entry = single(e);
      if (!isCall(entry, 'Package')) continue;
      const key = single(entry.body?.items[0]);
      if (key?.kind !== 'string') continue;
      const valueItem = entry.body?.items[1] ?? [];
      const value = evaluate(valueItem, scope, names, new Set());
      const valueStart = valueItem[0]?.start ?? entry.start;
      const valueEnd = valueItem[valueItem.length - 1]?.end ?? entry.end;
      out.push({ key: key.token, entry, uuid, value, valueStart, valueEnd });
    }
  }
  return out;
}

export function readAslTable(terms: readonly AslTerm[]): AslTable {
  const w: Walk = { devices: [], names: new Map(), pendingDsd: [] };
  walk(terms, [], undefined, w);
  // Names may be declared after the _DSD that uses them: resolve once all are known.
  for (const p of w.pendingDsd) {
    w.devices.push({ path: pathText(p.scope), ...(p.device ? { device: p.device } : {}), dsd: p.dsd, properties: properties(p.pkg, p.scope, w.names) });
  }
  return { ...(w.revision ? { revision: w.revision } : {}), devices: w.devices };
}
