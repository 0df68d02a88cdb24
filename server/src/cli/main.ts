// `vfio-lens`: the model from the command line, for CI, scripts and editors.
import { EXIT_BAD_INPUT, UsageError } from './exitCodes';
import { LAYOUT_USAGE, runLayout } from './layoutCommand';
import { runEmulate } from './emulateCommand';
import { runLsp } from './lspCommand';
import { CHECK_USAGE, runCheck } from './checkCommand';
import { SERVER_VERSION } from '../languageServer';

const HELP = `vfio-lens ${SERVER_VERSION} — exact nvgrace-gpu VFIO layouts, BAR sizes and emulated registers

commands:
  ${LAYOUT_USAGE.replace('usage: ', '')}
      the device-memory split, BAR sizes, VFIO region offsets and config read-backs
      (defaults: --kernel mainline, MIG hardware bug present, --page-size 65536)
  vfio-lens emulate --jsonl
      one JSON case per stdin line → one JSON result per stdout line
  vfio-lens lsp --stdio
      the language server over stdio, for any LSP editor
  ${CHECK_USAGE.replace('usage: ', '')}
      diagnostics for driver sources and configs (files or folders), as file:line:col: severity: message [code]

exit status: 0 ok, 1 findings (a failing layout, an error diagnostic), 2 bad usage or input`;

async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'layout':
      return runLayout(rest, (s) => process.stdout.write(s + '\n'));
    case 'emulate':
      if (!rest.includes('--jsonl') || rest.some((a) => a !== '--jsonl')) throw new UsageError('usage: vfio-lens emulate --jsonl < cases.jsonl');
      return runEmulate(process.stdin, process.stdout);
    case 'check':
      return runCheck(rest, (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
    case 'lsp':
      runLsp(rest);
      return undefined; // runs until the client exits
    case '--version':
    case '-v':
      process.stdout.write(SERVER_VERSION + '\n');
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP + '\n');
      return command === undefined ? EXIT_BAD_INPUT : 0;
    default:
      throw new UsageError(`unknown command "${command}" (try: vfio-lens --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e: unknown) => {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`vfio-lens: ${(e as Error).message}\n`);
    process.exitCode = usage ? EXIT_BAD_INPUT : 70;
  },
);
