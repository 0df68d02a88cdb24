// A real JSON-RPC client for protocol tests: spawns the bundled server over
// stdio and waits on events (diagnostics published, responses), never sleeps.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  Hover,
  InitializeResult,
  InlayHint,
  Position,
  PublishDiagnosticsParams,
  Range,
} from 'vscode-languageserver-protocol';
import type { z } from 'zod';
import type { RequestDecl } from '../../shared/protocol';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface StartOptions {
  /** `vfioLens` settings, sent as initializationOptions and answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Run the CLI entry (`vfio-lens lsp --stdio`) instead of dist/server.js. */
  viaCli?: boolean;
  workspaceFolders?: string[];
  /** Another language server to run instead (the benchmarks compare with clangd). */
  command?: { readonly cmd: string; readonly args: readonly string[]; readonly cwd?: string };
  /** Another server bundle to run (a test's own build), with extra environment. */
  serverPath?: string;
  env?: Record<string, string>;
}

/** Starts a server for one test and stops it when the test ends, pass or fail. */
export async function startServer(t: { after(fn: () => unknown): void }, opts: StartOptions = {}): Promise<LspTestClient> {
  const c = await LspTestClient.start(opts);
  t.after(() => c.kill());
  return c;
}

export class LspTestClient {
  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly initializeResult: InitializeResult,
    private settings: Record<string, unknown>,
    private readonly stderr: string[],
  ) {}

  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<{ uri: string; version?: number; resolve: (d: Diagnostic[]) => void }> = [];
  private readonly versions = new Map<string, number>();
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  /** Milliseconds from spawn to the initialize response (cold start). */
  initializeMs = NaN;

  static async start(opts: StartOptions = {}): Promise<LspTestClient> {
    const args = opts.viaCli ? [path.join(ROOT, 'bin/vfio-lens.js'), 'lsp', '--stdio'] : [opts.serverPath ?? path.join(ROOT, 'dist/server.js'), '--stdio'];
    const spawnedAt = performance.now();
    const child = opts.command
      ? spawn(opts.command.cmd, [...opts.command.args], { stdio: ['pipe', 'pipe', 'pipe'], ...(opts.command.cwd ? { cwd: opts.command.cwd } : {}) })
      : spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    const stderr: string[] = [];
    child.stderr!.on('data', (b: Buffer) => stderr.push(b.toString()));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    let client: LspTestClient | undefined;
    const settings = opts.settings ?? {};
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client?.onDiagnostics(p));
    connection.onNotification('window/logMessage', (p: { message: string }) => void client?.logs.push(p.message));
    connection.onNotification('window/showMessage', (p: { message: string }) => void client?.shown.push(p.message));
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'vfioLens' ? client?.settings ?? settings : null)),
    );
    connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
      client?.shown.push(p.message);
      return null;
    });
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    let initializeResult: InitializeResult;
    let initializeMs = NaN;
    try {
      initializeResult = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {
          workspace: { configuration: true, inlayHint: { refreshSupport: true } },
          textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown'] } },
        },
        initializationOptions: { settings },
        workspaceFolders: (opts.workspaceFolders ?? []).map((f) => ({ uri: `file://${f}`, name: path.basename(f) })),
      })) as InitializeResult;
      initializeMs = performance.now() - spawnedAt;
    } catch (e) {
      // A server that cannot initialize must not outlive the test.
      child.kill();
      connection.dispose();
      throw new Error(`initialize failed: ${(e as Error).message}\n${stderr.join('')}`);
    }
    client = new LspTestClient(child, connection, initializeResult, settings, stderr);
    client.initializeMs = initializeMs;
    await connection.sendNotification('initialized', {});
    return client;
  }

  private onDiagnostics(p: PublishDiagnosticsParams): void {
    this.diagnostics.set(p.uri, p);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w.uri === p.uri && (w.version === undefined || p.version === undefined || p.version >= w.version)) {
        this.waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  }

  /** Resolves with the first diagnostics published for `uri` at `version` or later. */
  waitForDiagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async open(uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    const wait = this.waitForDiagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return wait;
  }

  /** Applies edits (ranges in the current text) and waits for the new diagnostics. */
  async change(uri: string, changes: Array<{ range?: Range; text: string }>): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const wait = this.waitForDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return wait;
  }

  async close(uri: string): Promise<void> {
    const wait = this.waitForDiagnostics(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await wait;
  }

  /** Changes settings the way VS Code does: a notification, then the server pulls them. */
  async configure(settings: Record<string, unknown>, waitUri?: string): Promise<Diagnostic[] | undefined> {
    this.settings = settings;
    const wait = waitUri ? this.waitForDiagnostics(waitUri) : undefined;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { vfioLens: settings } });
    return wait;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  inlayHints(uri: string, range: Range): Promise<InlayHint[] | null> {
    return this.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range });
  }

  codeLenses(uri: string): Promise<CodeLens[] | null> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** A vfio-lens request, with its result checked against the declared schema. */
  async request<P extends z.ZodType, R extends z.ZodType>(decl: RequestDecl<P, R>, params: z.input<P>): Promise<z.output<R>> {
    const raw = await this.connection.sendRequest(decl.method, params);
    return decl.result.parse(raw);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the server without the protocol handshake (cleanup after a failure). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    this.connection.dispose();
  }

  /** The server's process id (the benchmarks read its peak RSS from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get serverStderr(): string {
    return this.stderr.join('');
  }
}
