// Which language a file is, for the CLI and for clients that do not say, or
// say it in their own words. VS Code names: c, json, jsonc, asl, shellscript,
// xml, lspci; analyzers select documents by these.
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

const OURS = new Set<string>(['c', 'json', 'jsonc', 'asl', 'shellscript', 'xml', 'lspci']);

/** Other editors' ids for our languages: Neovim/Vim filetypes, Emacs modes, Helix and Kate ids. */
const ALIASES: Record<string, LanguageId> = {
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  ksh: 'shellscript',
  shell: 'shellscript',
};

/**
 * The language an opened document is read as, in VS Code's names. Neovim sends
 * its filetype (`sh` for a shell script, `cpp` for a `.h`, `structurizr` or
 * DSSSL's `dsl` for a `.dsl`, nothing for `.asl` or `.lspci`): an alias is
 * mapped, and an id we do not know yields to the file name when that says more.
 */
export function documentLanguage(languageId: string, uri: string): string {
  const id = languageId.toLowerCase();
  if (OURS.has(id)) return id;
  return ALIASES[id] ?? languageOfPath(uri.replace(/[?#].*$/, '')) ?? languageId;
}
