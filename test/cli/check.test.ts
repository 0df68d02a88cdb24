// `vfio-lens check`: kernel-tool style output, JSON, exit statuses, folder
// recursion, and one bad path not stopping the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './run';

const DRIVERS = path.join(__dirname, '..', 'fixtures', 'drivers');
const BROKEN = path.join(DRIVERS, 'broken');
const rel = (p: string) => path.relative(process.cwd(), p);

test('every broken fixture reports exactly the diagnostic its name promises', async () => {
  const r = await cli(['check', rel(BROKEN), '--kernel', '6.17']);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  for (const l of lines) assert.match(l, /^test\/fixtures\/drivers\/broken\/NVG\d{3}-[\w-]+\.c:\d+:\d+: (error|warning|note): .+ \[NVG\d{3}\]$/);
  const byFile = new Map<string, string[]>();
  for (const l of lines) {
    const [, file, code] = /broken\/(NVG\d{3}-[\w-]+\.c):.*\[(NVG\d{3})\]$/.exec(l)!;
    byFile.set(file, [...(byFile.get(file) ?? []), code]);
  }
  const files = fs.readdirSync(BROKEN).sort();
  assert.equal(files.length, 18);
  for (const f of files) {
    const codes = [...new Set(byFile.get(f) ?? [])];
    assert.deepEqual(codes, [f.slice(0, 6)], `${f}: ${byFile.get(f)}`);
  }
  // NVG011's fixture lists GB300 with --kernel 6.17, whose stable updates carry it: a warning (domain §5.1).
  assert.match(r.stderr, /^18 files checked: 10 errors, 11 warnings, 1 note; no device profile found: numbers are for the GH200 96 GB preset\n$/);
});

test('kernel-style lines: 1-based line and column, severity, message, code', async () => {
  const r = await cli(['check', path.join(rel(BROKEN), 'NVG108-window-mismatch.c')]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    "test/fixtures/drivers/broken/NVG108-window-mismatch.c:9:54: error: config window 0x18 is not BAR4's register, but this branch answers for region 4 (BAR4, usemem): BAR4 lives at 0x20 [NVG108]\n",
  );
});

test('warnings and notes alone exit 0; the clean drivers have none, the sample workspace only its one demo note', async () => {
  const warn = await cli(['check', path.join(rel(BROKEN), 'NVG107-memblk.c'), path.join(rel(BROKEN), 'NVG111-unknown-id.c')]);
  assert.equal(warn.code, 0, warn.stdout);
  assert.equal(warn.stdout.trim().split('\n').length, 2);
  const clean = await cli(['check', path.join(rel(DRIVERS), 'nvg-6.14.c'), path.join(rel(DRIVERS), 'legacy-io.c')]);
  assert.equal(clean.code, 0, clean.stdout);
  assert.equal(clean.stdout, '');
  // The sample DSDT's second GPU (95.75 GiB, the domain's example B) shows the 512 MiB round-down note on purpose.
  const sample = await cli(['check', 'examples']);
  assert.equal(sample.code, 0, sample.stdout);
  assert.match(sample.stdout, /^examples\/acpi\/gpu-dsd\.asl:92:33: note: 256 MiB \(0x10000000\) of device memory goes to the uncached resmem.*\[NVG005\]\n$/);
  const old = await cli(['check', path.join(rel(DRIVERS), 'nvg-6.9.c'), '--kernel', '6.13']);
  assert.equal(old.stdout, '');
  // The 6.14 fixture lists GB200, which a 6.13 kernel's ID table lacks.
  const gb = await cli(['check', path.join(rel(DRIVERS), 'nvg-6.14.c'), '--kernel', '6.13']);
  assert.equal(gb.code, 1);
  assert.match(gb.stdout, /nvg-6\.14\.c:143:2: error: GB200 SKU \(10de:2941\) is not in kernel 6\.13's nvgrace-gpu ID table \(added in 6\.14\): modules\.alias has no line for it, .*only an explicit driver_override binds nvgrace-gpu \(an override matches any device\) \[NVG011\]/);
});

test('--format json: every diagnostic with its range, and the totals', async () => {
  const r = await cli(['check', path.join(rel(BROKEN), 'NVG102-int-overflow.c'), '--format', 'json']);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.diagnostics[0], {
    file: 'test/fixtures/drivers/broken/NVG102-int-overflow.c',
    line: 4,
    column: 21,
    endLine: 4,
    endColumn: 30,
    severity: 'warning',
    code: 'NVG102',
    message: '4 * 0x40000000 overflows int (32 bits): it wraps to 0',
  });
  assert.equal(j.diagnostics.length, 2);
  assert.deepEqual([j.files, j.errors, j.warnings, j.notes, j.unreadable], [1, 0, 2, 0, []]);
});

test('folders are walked in order, node_modules and .git skipped, unknown file types ignored', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-check-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bad = fs.readFileSync(path.join(BROKEN, 'NVG113-unterminated.c'));
  for (const sub of ['b', 'a/deep', 'node_modules/pkg', '.git/x']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    fs.writeFileSync(path.join(dir, sub, 'drv.c'), bad);
  }
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not C');
  const r = await cli(['check', dir]);
  assert.equal(r.code, 1);
  const files = r.stdout.trim().split('\n').map((l) => path.relative(dir, l.split(':')[0]));
  assert.deepEqual(files, ['a/deep/drv.c', 'b/drv.c']);
});

test('a path that does not exist is reported, the rest is still checked, exit 2', async () => {
  const r = await cli(['check', 'no/such/driver.c', path.join(rel(BROKEN), 'NVG113-unterminated.c')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /vfio-lens: no\/such\/driver\.c: no such file or directory/);
  assert.match(r.stdout, /NVG113-unterminated\.c:4:35: error: .*\[NVG113\]/);
});

test('bad usage exits 2 with a message', async () => {
  for (const args of [['check'], ['check', '.', '--kernel', '5.4'], ['check', '.', '--format', 'xml'], ['check', '.', '--page-size', '8192'], ['check', '--bogus', '.']]) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^vfio-lens: /);
    assert.equal(r.stdout, '');
  }
  const help = await cli(['--help']);
  assert.match(help.stdout, /vfio-lens check PATH… \[--kernel VERSION\] \[--page-size 4096\|65536\] \[--format text\|json\]/);
});

test('a file checked alone uses the device profiles of the folders above it, up to the repository root, and says which', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-ws-'));
  fs.mkdirSync(path.join(ws, '.git'));
  fs.mkdirSync(path.join(ws, 'vm', 'lab'), { recursive: true });
  // Two GB300s on the root bus: 512 GiB + 16 MiB of BARs each, over 1 TiB against the default 512 GiB window (domain §6.3).
  fs.writeFileSync(path.join(ws, '.vfio-lens.json'), JSON.stringify({ devices: [{ name: 'a', bdf: '0008:01:00.0', sku: 'gb300' }, { name: 'b', bdf: '0009:01:00.0', sku: 'gb300' }] }));
  const script = 'qemu-system-aarch64 -machine virt -m 64G \\\n  -device vfio-pci,host=0008:01:00.0 \\\n  -device vfio-pci,host=0009:01:00.0\n';
  fs.writeFileSync(path.join(ws, 'vm', 'lab', 'start.sh'), script);
  const alone = await cli(['check', 'start.sh'], '', path.join(ws, 'vm', 'lab'));
  assert.equal(alone.code, 1, alone.stderr);
  assert.match(alone.stdout, /^start\.sh:1:30: error: the BAR apertures of 2 GPUs need .* set highmem-mmio-size=2T \[NVG015\]$/m);
  assert.match(alone.stderr, /; devices from \.\.\/\.\.\/\.vfio-lens\.json\n$/);
  const json = JSON.parse((await cli(['check', 'vm', '--format', 'json'], '', ws)).stdout);
  assert.deepEqual(json.profiles, ['.vfio-lens.json']);
  assert.deepEqual(json.diagnostics.map((d: { code: string }) => d.code), ['NVG015', 'NVG018', 'NVG018']);
  // Above the repository root nothing is read: the same script in a folder whose parent holds the profile.
  fs.mkdirSync(path.join(ws, 'vm', 'lab', 'sub', '.git'), { recursive: true });
  fs.copyFileSync(path.join(ws, 'vm', 'lab', 'start.sh'), path.join(ws, 'vm', 'lab', 'sub', 'start.sh'));
  const outside = await cli(['check', path.join(ws, 'vm', 'lab', 'sub', 'start.sh')]);
  assert.equal(outside.code, 0, outside.stdout);
  assert.equal(outside.stdout, '');
  assert.match(outside.stderr, /no device profile found: numbers are for the GH200 96 GB preset/);
});
