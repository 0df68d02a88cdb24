// Which language a file is, for the CLI and for clients that do not say.
// VS Code names: c, json, jsonc, asl, shellscript, xml, lspci.
import * as path from 'node:path';

export type LanguageId = 'c' | 'json' | 'jsonc' | 'asl' | 'shellscript' | 'xml' | 'lspci' | 'plaintext';

const BY_EXTENSION: Record<string, LanguageId> = {
  '.c': 'c',
  '.h': 'c',
  '.json': 'json',
  '.jsonc': 'jsonc',
  '.asl': 'asl',
  '.dsl': 'asl',
  '.sh': 'shellscript',
  '.bash': 'shellscript',
  '.args': 'shellscript',
  '.xml': 'xml',
  '.lspci': 'lspci',
};

export function languageOfPath(file: string): LanguageId | undefined {
  const base = path.basename(file);
  if (base === '.vfio-lens.json' || base.endsWith('.vfio-lens.json')) return 'json';
  return BY_EXTENSION[path.extname(base).toLowerCase()];
}

/** A profile file by name: `.vfio-lens.json` or `NAME.vfio-lens.json`. */
export function isProfileFileName(uriOrPath: string): boolean {
  const base = uriOrPath.split('/').pop() ?? '';
  return base === '.vfio-lens.json' || base.endsWith('.vfio-lens.json');
}
