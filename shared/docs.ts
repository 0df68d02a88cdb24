// Where each diagnostic code is documented: editors link diagnostics there,
// the layout view links the rules its playground steps show.
export const DIAGNOSTICS_DOCS_URL = 'https://github.com/vfio-lens/vfio-lens/blob/main/docs/diagnostics.md';

/** `NVG023` → the docs page at its `### NVG023` heading. */
export function diagnosticDocsUrl(code: string): string {
  return `${DIAGNOSTICS_DOCS_URL}#${code.toLowerCase()}`;
}
