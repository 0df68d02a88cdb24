// Keeps the ProfileStore in step with every profile file, open or not: an
// open document's text wins; a closed or never-opened file is read from disk.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isProfileFileName } from '../languages';
import type { ProfileStore, ResolvedDevice } from './activeProfile';
import { canonicalUri, fileUri, findProfileFiles, isInFolders, readProfileDocument } from './workspaceProfiles';

export interface ProfileFilesDeps {
  readonly store: ProfileStore;
  /** Devices of a profile document (undefined: not a profile document). */
  devicesOf(doc: TextDocument): ResolvedDevice[] | undefined;
  /** The open document for a file, whatever spelling of its URI the client used. */
  openDocument(uri: string): TextDocument | undefined;
  /** Devices changed: re-analyse what depends on them. */
  changed(): void;
}

export class ProfileFiles {
  /** canonical URI → the URI the store holds the file's devices under. */
  private readonly keys = new Map<string, string>();
  /** Last text read from disk, so a settings change re-resolves without reading again. */
  private readonly disk = new Map<string, TextDocument>();
  /** The workspace folders scanned: a profile file outside them counts only while open. */
  private folders: readonly string[] = [];

  constructor(private readonly deps: ProfileFilesDeps) {}

  private set(uri: string, devices: ResolvedDevice[]): void {
    const c = canonicalUri(uri);
    const old = this.keys.get(c);
    if (old !== undefined && old !== uri) this.deps.store.setFileDevices(old, []);
    if (devices.length) this.keys.set(c, uri);
    else this.keys.delete(c);
    this.deps.store.setFileDevices(uri, devices);
  }

  /** An open document's devices (no-op for other documents). Returns whether it was a profile. */
  fromDocument(doc: TextDocument): boolean {
    const devices = this.deps.devicesOf(doc);
    if (devices === undefined) return false;
    this.set(doc.uri, devices);
    this.deps.changed();
    return true;
  }

  /** The file as saved, unless an editor has it open. */
  async fromDisk(uri: string, notify = true): Promise<void> {
    if (!isProfileFileName(uri) || this.deps.openDocument(uri)) return;
    const doc = await readProfileDocument(uri);
    if (this.deps.openDocument(uri)) return; // opened while we read
    if (doc) this.disk.set(canonicalUri(uri), doc);
    else this.disk.delete(canonicalUri(uri));
    this.set(uri, doc ? (this.deps.devicesOf(doc) ?? []) : []);
    if (notify) this.deps.changed();
  }

  closed(doc: TextDocument): Promise<void> {
    if (!isProfileFileName(doc.uri)) return Promise.resolve();
    if (isInFolders(doc.uri, this.folders)) return this.fromDisk(doc.uri);
    // Looked at from elsewhere (another project's profile): nobody watches it, so it must not linger.
    this.disk.delete(canonicalUri(doc.uri));
    this.set(doc.uri, []);
    this.deps.changed();
    return Promise.resolve();
  }

  deleted(uri: string): void {
    if (!isProfileFileName(uri) || this.deps.openDocument(uri)) return;
    this.disk.delete(canonicalUri(uri));
    this.set(uri, []);
    this.deps.changed();
  }

  /** Re-resolves every known file (the settings they default to changed). */
  refreshAll(): void {
    for (const [c, uri] of [...this.keys]) {
      const doc = this.deps.openDocument(uri) ?? this.disk.get(c);
      if (doc) this.set(uri, this.deps.devicesOf(doc) ?? []);
    }
  }

  /** Every profile file under the folders; one `changed()` at the end. */
  async scan(folders: readonly string[]): Promise<number> {
    this.folders = folders;
    const files = await findProfileFiles(folders);
    for (const f of files) await this.fromDisk(fileUri(f), false);
    if (files.length) this.deps.changed();
    return files.length;
  }
}
