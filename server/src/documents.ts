// Open documents, kept up to date from the client's incremental changes. The
// raw change events are forwarded so analyzers can re-parse incrementally.
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { documentLanguage } from './languages';

export interface DocumentChange {
  readonly document: TextDocument;
  /** The document before the change, and the changes applied to it, in order. */
  readonly previous: TextDocument;
  readonly changes: readonly TextDocumentContentChangeEvent[];
}

export class DocumentStore {
  private readonly docs = new Map<string, TextDocument>();

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  /** `languageId` as the client said it; the document carries ours (see documentLanguage). */
  open(uri: string, languageId: string, version: number, text: string): TextDocument {
    const doc = TextDocument.create(uri, documentLanguage(languageId, uri), version, text);
    this.docs.set(uri, doc);
    return doc;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): DocumentChange | undefined {
    const previous = this.docs.get(uri);
    if (!previous) return undefined;
    // update() mutates in place; keep a snapshot for incremental parsers.
    const before = TextDocument.create(previous.uri, previous.languageId, previous.version, previous.getText());
    let document = previous;
    for (const c of changes) {
      document = TextDocument.update(document, [c], version);
      // TextDocument.update keeps a stale line table when an edit joins a lone \r and a \n ("a\r" +
      // "\nb" counts three lines): every later position would be off by a line. Recount then.
      if (document.getText().includes('\r')) document = TextDocument.create(uri, document.languageId, version, document.getText());
    }
    this.docs.set(uri, document);
    return { document, previous: before, changes };
  }

  close(uri: string): boolean {
    return this.docs.delete(uri);
  }
}
