// vfio-lens requests from the client: typed by their declaration, and the
// answer checked against the same schema the server built it with.
import type { LanguageClient } from 'vscode-languageclient/node';
import type { z } from 'zod';
import type { RequestDecl } from '../../shared/protocol';
import { describeZodError } from '../../shared/u64';

export async function request<P extends z.ZodType, R extends z.ZodType>(client: LanguageClient, decl: RequestDecl<P, R>, params: z.input<P>): Promise<z.output<R>> {
  const raw: unknown = await client.sendRequest(decl.method, params);
  const checked = decl.result.safeParse(raw);
  if (!checked.success) throw new Error(`${decl.method}: the server's answer does not match the protocol: ${describeZodError(checked.error)}`);
  return checked.data;
}
