// Profile files the editor has not opened: found once in the workspace
// folders (a bounded walk that reads, never runs, anything) and re-read when
// the client reports them changed. Open documents always win over the disk.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isProfileFileName } from '../languages';

/** Globs the client watches for us (VS Code `synchronize.fileEvents`, or dynamic registration). */
export const PROFILE_FILE_GLOBS = ['**/.vfio-lens.json', '**/*.vfio-lens.json'] as const;

export interface WalkLimits {
  readonly maxDepth: number;
  /** Directory entries looked at, in all: a huge tree is cut short, not walked for minutes. */
  readonly maxEntries: number;
  readonly maxFiles: number;
  /** Larger files are not profiles anyone wrote by hand. */
  readonly maxBytes: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 8, maxEntries: 50_000, maxFiles: 100, maxBytes: 1 << 20 };

const SKIPPED_DIRS = new Set(['node_modules']);

/** Breadth-first, so the profiles near a folder's root are found before the entry budget runs out. */
export async function findProfileFiles(folders: readonly string[], limits: WalkLimits = DEFAULT_WALK_LIMITS): Promise<string[]> {
  const found: string[] = [];
  let entries = 0;
  let level = folders.map((f) => path.resolve(f));
  for (let depth = 0; depth <= limits.maxDepth && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      let list;
      try {
        list = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable or vanished: not our business
      }
      for (const e of list.sort((a, b) => a.name.localeCompare(b.name))) {
        if (++entries > limits.maxEntries || found.length >= limits.maxFiles) return found;
        // Symlinks are neither files nor directories here: no cycles, no escapes.
        // Dot-directories (.git, .cache, …) hold no hand-written profiles.
        if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) next.push(path.join(dir, e.name));
        else if (e.isFile() && isProfileFileName(e.name)) found.push(path.join(dir, e.name));
      }
    }
    level = next;
  }
  return found;
}

/** The file as a document (version 0: never an editor's), or undefined when it cannot be read. */
export async function readProfileDocument(uri: string, maxBytes = DEFAULT_WALK_LIMITS.maxBytes): Promise<TextDocument | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = fileURLToPath(uri);
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return TextDocument.create(uri, 'json', 0, await fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/** One spelling per file: clients percent-encode URIs in their own ways. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** Folders of the workspace as paths; file: URIs only. */
export function folderPaths(folders: ReadonlyArray<{ uri: string }> | null | undefined, rootUri: string | null | undefined): string[] {
  const uris = folders?.length ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
  return uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
}

/** Whether a file: URI lies inside one of the folders (paths). */
export function isInFolders(uri: string, folders: readonly string[]): boolean {
  if (!uri.startsWith('file:')) return false;
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return false;
  }
  return folders.some((f) => {
    const rel = path.relative(path.resolve(f), file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}
