// Syntax errors and schema issues of a profile file, each on the exact text
// it is about: the bad value, the unknown key, or the brace of the object
// that lacks a required field.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { deviceProfileSchema, profileFileSchema } from '../../../../shared/profile';
import type { DiagnosticFact } from '../../analysis';
import { JsonPath, keyNode, locate, nodeRange, rangeOf, valueAt } from './jsonLocations';
import type { ProfileFileModel } from './profileFile';

const FILE_FIELDS = Object.keys(profileFileSchema.shape);
const DEVICE_FIELDS = Object.keys(deviceProfileSchema.shape);

function fieldsAt(path: JsonPath): readonly string[] {
  return path.length === 0 ? FILE_FIELDS : DEVICE_FIELDS;
}

export function syntaxDiagnostics(doc: TextDocument, m: ProfileFileModel): DiagnosticFact[] {
  const out: DiagnosticFact[] = m.json.errors.map((e) => ({ range: rangeOf(doc, e.offset, Math.max(1, e.length)), severity: 'error', code: 'NVG151', message: e.message }));
  if (!m.json.root && !out.length) {
    out.push({ range: rangeOf(doc, 0, 0), severity: 'error', code: 'NVG151', message: 'JSON: the file is empty: a profile file is an object with a "devices" list' });
  }
  return out;
}

export function schemaDiagnostics(doc: TextDocument, m: ProfileFileModel): DiagnosticFact[] {
  // A tree with syntax errors still validates: jsonc-parser recovers, so
  // the fields that did parse get their own checks.
  const out: DiagnosticFact[] = [];
  const root = m.json.root;
  for (const issue of m.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const obj = valueAt(root, path);
      for (const key of issue.keys) {
        const k = keyNode(obj, key);
        out.push({
          range: k ? nodeRange(doc, k) : locate(doc, root, path),
          severity: 'error',
          code: 'NVG152',
          message: `unknown field "${key}": expected one of ${fieldsAt(path).map((f) => `"${f}"`).join(', ')}`,
        });
      }
      continue;
    }
    const missing = valueAt(root, path) === undefined && issue.code === 'invalid_type' && issue.input === undefined;
    const field = path[path.length - 1];
    // A number literal past a double's range reads as Infinity; the file says no such thing.
    const said = issue.message.replace(/received -?Infinity\b/, 'received a number too large for JSON');
    const message = missing
      ? path.length === 0
        ? 'a profile file is an object with a "devices" list'
        : `missing required field "${String(field)}"`
      : typeof field === 'string'
        ? `"${field}": ${said}`
        : said;
    out.push({ range: locate(doc, root, path), severity: 'error', code: 'NVG152', message });
  }
  return out;
}
