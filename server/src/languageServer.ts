// Wires the language service to an LSP connection: documents, settings,
// profiles, the standard requests and vfio-lens's own.
import {
  CancellationToken,
  CodeActionKind,
  Connection,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { activeLayoutRequest, contextChangedNotification, emulateRequest, layoutViewRequest, listProfilesRequest, ProfileSummary, RequestDecl } from '../../shared/protocol';
import { layoutReport } from '../../shared/layoutReport';
import { DEFAULT_SETTINGS, Settings, readSettings } from '../../shared/settings';
import { describeZodError } from '../../shared/u64';
import type { AnalysisContext } from './analysis';
import { createAnalyzers } from './analyzers';
import { initTreeSitter } from './parsing/treeSitter';
import { DocumentStore } from './documents';
import { ProfileStore, ResolvedDevice } from './profiles/activeProfile';
import { ProfileFiles } from './profiles/profileFiles';
import { PROFILE_FILE_GLOBS, canonicalUri, folderPaths } from './profiles/workspaceProfiles';
import { LanguageService } from './service';
import { buildLayoutView } from './views/layoutView';
import { replayOps } from './views/playground';
import type { z } from 'zod';

export const SERVER_NAME = 'vfio-lens';
export const SERVER_VERSION = '0.1.0';

export function summary(d: ResolvedDevice): ProfileSummary {
  return {
    name: d.name,
    source: d.source,
    kernel: d.kernel.requested === 'mainline' ? `mainline (${d.kernel.version})` : d.kernel.version,
    pageSize: d.pageSize,
    ...(d.bdf ? { bdf: d.bdf } : {}),
  };
}

export function startServer(connection: Connection): void {
  const documents = new DocumentStore();
  let settings: Settings = DEFAULT_SETTINGS;
  const profiles = new ProfileStore(settings);
  let revision = 0;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let folders: string[] = [];
  // Requests about profiles wait for the first look at the workspace's profile files.
  let grammars: Promise<void> = Promise.resolve();
  let profilesScanned: () => void = () => undefined;
  const profilesReady = new Promise<void>((resolve) => (profilesScanned = resolve));

  const context = (): AnalysisContext => ({ settings, profile: profiles.active(), profiles, revision });
  const service = new LanguageService(createAnalyzers(), context, { error: (m) => connection.console.error(m) });

  // Diagnostics are pushed; edits arriving in a burst are analysed once. What a
  // document says depends on the workspace's devices (a BDF in a QEMU script,
  // a size in an lspci dump): nothing goes out before the first look at its
  // profile files, or an editor opening files at start shows a wrong finding
  // and then takes it back.
  const pending = new Set<string>();
  let scheduled = false;
  const schedule = (uri: string) => {
    pending.add(uri);
    if (scheduled) return;
    scheduled = true;
    void profilesReady.then(() =>
      setImmediate(() => {
        scheduled = false;
        for (const u of [...pending]) {
          pending.delete(u);
          const doc = documents.get(u);
          if (doc) void connection.sendDiagnostics({ uri: u, version: doc.version, diagnostics: service.diagnostics(doc) });
        }
      }),
    );
  };

  const contextChanged = () => {
    revision++;
    for (const d of documents.all()) schedule(d.uri);
    void connection.languages.inlayHint.refresh().catch(() => undefined);
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    void connection.sendNotification(contextChangedNotification.method, { revision });
  };

  /** A profile document's devices join the workspace; a closed one falls back to the file on disk. */
  const profileFiles = new ProfileFiles({
    store: profiles,
    devicesOf: (doc) => service.devicesOf(doc),
    openDocument: (uri) => documents.get(uri) ?? documents.all().find((d) => canonicalUri(d.uri) === canonicalUri(uri)),
    changed: () => contextChanged(),
  });
  const refreshProfiles = (doc: TextDocument, closing = false) => {
    if (closing) void profileFiles.closed(doc);
    else profileFiles.fromDocument(doc);
  };

  const applySettings = (raw: unknown) => {
    const { settings: next, problems } = readSettings(raw);
    for (const p of problems) connection.window.showWarningMessage(`vfio-lens: ${p}`);
    settings = next;
    profiles.setSettings(next);
    // Profile devices take their kernel and page size from the settings unless they say.
    profileFiles.refreshAll();
    contextChanged();
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    // Parsers are WASM (~25 ms to load): they load while the client finishes its side of the
    // handshake; analyses wait for them with the profile scan (profilesReady), never parse before.
    grammars = initTreeSitter();
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folders = folderPaths(params.workspaceFolders, params.rootUri);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) {
      const { settings: s } = readSettings(init.settings);
      settings = s;
      profiles.setSettings(s);
    }
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        inlayHintProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) {
      try {
        applySettings(await connection.workspace.getConfiguration('vfioLens'));
      } catch {
        /* the client declined: keep initializationOptions */
      }
    }
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: PROFILE_FILE_GLOBS.map((globPattern) => ({ globPattern })) }).catch(() => undefined);
    }
    try {
      await grammars;
    } catch (e) {
      connection.window.showErrorMessage(`vfio-lens: the C and shell grammars did not load (${(e as Error).message}): driver sources and QEMU scripts are not analysed`);
    }
    try {
      await profileFiles.scan(folders);
    } finally {
      profilesScanned();
    }
    // The first line of the editor's "vfio-lens" output channel: the server runs, and for what.
    const active = summary(profiles.active());
    connection.console.info(`${SERVER_NAME} ${SERVER_VERSION} running on Node ${process.versions.node}: device ${active.name}, kernel ${active.kernel}`);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) {
      if (c.type === FileChangeType.Deleted) profileFiles.deleted(c.uri);
      else void profileFiles.fromDisk(c.uri);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { vfioLens?: unknown } | null)?.vfioLens;
    if (pushed !== undefined) return applySettings(pushed);
    if (canPullConfiguration) applySettings(await connection.workspace.getConfiguration('vfioLens'));
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    const doc = documents.open(t.uri, t.languageId, t.version, t.text);
    refreshProfiles(doc);
    schedule(t.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    const change = documents.change(t.uri, t.version, contentChanges);
    if (!change) return;
    service.didChange(change);
    refreshProfiles(change.document);
    schedule(t.uri);
  });

  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    const doc = documents.get(t.uri);
    if (!doc) return;
    service.didClose(doc);
    documents.close(t.uri);
    refreshProfiles(doc, true);
    void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
  });

  // Unknown or closed documents get an empty answer, never an error. Like
  // diagnostics, answers wait for the first profile scan (after it, at once).
  // A request cancelled while it waited (behind the scan, or the analysis of a
  // huge document) is answered as cancelled without analysing anything.
  connection.onHover(async ({ textDocument, position }, token) => {
    await profilesReady;
    if (token.isCancellationRequested) return cancelled();
    const doc = documents.get(textDocument.uri);
    return doc ? service.hover(doc, position) : null;
  });
  connection.languages.inlayHint.on(async ({ textDocument, range }, token) => {
    await profilesReady;
    if (token.isCancellationRequested) return cancelled();
    const doc = documents.get(textDocument.uri);
    return doc ? service.inlayHints(doc, range) : [];
  });
  connection.onCodeLens(async ({ textDocument }, token) => {
    await profilesReady;
    if (token.isCancellationRequested) return cancelled();
    const doc = documents.get(textDocument.uri);
    return doc ? service.codeLenses(doc) : [];
  });
  connection.onCodeAction(async ({ textDocument, range, context: ctx }, token) => {
    await profilesReady;
    if (token.isCancellationRequested) return cancelled();
    const doc = documents.get(textDocument.uri);
    return doc ? service.codeActions(doc, range, ctx.only) : [];
  });

  /** Waits for the first scan of profile files; a request cancelled meanwhile stops there. */
  const ready = async (token: CancellationToken) => {
    await profilesReady;
    if (token.isCancellationRequested) throw cancelled();
  };

  onRequest(connection, activeLayoutRequest, async (_, token) => {
    await ready(token);
    const active = profiles.active();
    return { profile: summary(active), report: layoutReport(active.layout, active.pageSize) };
  });
  onRequest(connection, listProfilesRequest, async (_, token) => {
    await ready(token);
    const all = [...profiles.devices, ...profiles.presets()];
    return { active: profiles.active().name, profiles: all.map(summary) };
  });
  onRequest(connection, layoutViewRequest, async ({ uri }, token) => {
    await ready(token);
    const { device, fromDocument } = profiles.activeFor(uri);
    return buildLayoutView({ device, workspace: profiles.devices, context: { ...(uri ? { uri } : {}), fromDocument } });
  });
  onRequest(connection, emulateRequest, async ({ uri, ops }, token) => {
    await ready(token);
    return replayOps(profiles.activeFor(uri).device, ops);
  });

  connection.listen();
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** Registers a handler for a declared request; params are validated with its schema; a request cancelled before it starts is not run. */
function onRequest<P extends z.ZodType, R extends z.ZodType>(
  connection: Connection,
  decl: RequestDecl<P, R>,
  handler: (params: z.output<P>, token: CancellationToken) => z.input<R> | Promise<z.input<R>>,
): void {
  connection.onRequest(decl.method, (raw: unknown, token: CancellationToken) => {
    if (token.isCancellationRequested) return cancelled();
    const parsed = decl.params.safeParse(raw ?? {});
    if (!parsed.success) return new ResponseError(ErrorCodes.InvalidParams, `${decl.method}: ${describeZodError(parsed.error)}`);
    return handler(parsed.data, token);
  });
}
