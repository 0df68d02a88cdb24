// What the fuzzer feeds the server: every fixture and example file whose name
// maps to a language (server/src/languages.ts), plus a synthetic document of
// each language, so a format is covered as soon as its analyzer and its
// fixtures exist, without editing the harness.
import * as fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { languageOfPath } from '../../server/src/languages';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Sample {
  /** Where it came from: a path relative to the repository, or "synthetic". */
  readonly origin: string;
  readonly uri: string;
  readonly languageId: string;
  readonly text: string;
}

/** Folders whose files are documents a user could open. */
export const SAMPLE_FOLDERS = ['test/fixtures', 'examples'];

/**
 * Document names no fixture may have yet: one per language and per naming rule
 * an analyzer looks at (profile files by name, the driver by its path).
 */
export const SYNTHETIC_NAMES = [
  'fuzz.c',
  'fuzz.h',
  'drivers/vfio/pci/nvgrace-gpu/main.c',
  '.vfio-lens.json',
  'lab.vfio-lens.json',
  'fuzz.json',
  'fuzz.jsonc',
  'fuzz.asl',
  'fuzz.dsl',
  'fuzz.sh',
  'fuzz.args',
  'domain.xml',
  'fuzz.lspci',
];

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile()) out.push(full);
  }
}

let cached: Sample[] | undefined;

/** Every fixture and example with a language, sorted (the order seeds depend on). */
export function fixtureSamples(): Sample[] {
  if (cached) return cached;
  const files: string[] = [];
  for (const f of SAMPLE_FOLDERS) walk(path.join(ROOT, f), files);
  cached = files
    .sort()
    .flatMap((file) => {
      const languageId = languageOfPath(file);
      if (!languageId) return [];
      const text = fs.readFileSync(file, 'utf8');
      return [{ origin: path.relative(ROOT, file), uri: pathToFileURL(file).href, languageId, text }];
    });
  return cached;
}

/** An empty document under each synthetic name; generators fill in the text. */
export function syntheticSlots(): Sample[] {
  return SYNTHETIC_NAMES.map((name) => ({ origin: 'synthetic', uri: `file:///fuzz/${name}`, languageId: languageOfPath(name) ?? 'plaintext', text: '' }));
}

/** The language ids the fuzzer covers: those of the fixtures and the synthetic names. */
export function languagesCovered(): string[] {
  return [...new Set([...fixtureSamples(), ...syntheticSlots()].map((s) => s.languageId))].sort();
}
