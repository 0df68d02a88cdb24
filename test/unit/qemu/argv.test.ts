import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgv } from '../../../server/src/analyzers/qemu/argv';
import { lastValue, parseKeyval } from '../../../server/src/analyzers/qemu/keyval';
import { lineWords as words } from '../../support/snippets';

test('keyval: implied first key, escaped commas, flags, each value mapped to its columns', () => {
  const [t] = words('vfio-pci,host=0009:01:00.0,id=gpu0,romfile=a,,b,x-flag');
  const kv = parseKeyval(t, 'driver');
  assert.deepEqual(kv.items.map((i) => [i.key, i.value.text]), [['driver', 'vfio-pci'], ['host', '0009:01:00.0'], ['id', 'gpu0'], ['romfile', 'a,b'], ['x-flag', '']]);
  const host = lastValue(kv, 'host')!;
  assert.deepEqual(host.value.span(), { start: 14, end: 26 });
  assert.equal(kv.complete, true);
  assert.equal(parseKeyval(t, 'driver').items[3].value.editableRange(), undefined, 'an unescaped value is not the document text');
});

test('keyval: the last of a repeated key wins; unknown items make it incomplete', () => {
  const [t] = words('virt,highmem-mmio-size=512G,highmem-mmio-size=1T');
  assert.equal(lastValue(parseKeyval(t, 'type'), 'highmem-mmio-size')!.value.text, '1T');
  const [u] = words('vfio-pci,?,id=gpu0');
  const kv = parseKeyval(u, 'driver');
  assert.equal(kv.complete, false);
  assert.equal(lastValue(kv, 'id')!.value.text, 'gpu0');
  const [v] = words('vfio-pci,host=?');
  const kv2 = parseKeyval(v, 'driver');
  assert.equal(kv2.complete, true, 'a known key with an unknown value hides nothing else');
  assert.equal(lastValue(kv2, 'host')!.value.known, false);
});

test('argv: options with and without arguments, -M alias, --long form', () => {
  const argv = parseArgv(words('-S -nographic disk.img -M virt --device vfio-pci,host=1:0.0 -m 64G -unknown-opt value -enable-kvm').map((text) => ({ text })));
  assert.deepEqual(argv.options.map((o) => [o.name, o.arg?.text]), [['S', undefined], ['nographic', undefined], ['machine', 'virt'], ['device', 'vfio-pci,host=1:0.0'], ['m', '64G'], ['unknown-opt', 'value'], ['enable-kvm', undefined]]);
  assert.equal(argv.complete, true);
  assert.deepEqual(argv.problems, []);
});

test('argv: an unknown word where an option belongs makes it incomplete; a trailing option lacks its argument', () => {
  const argv = parseArgv(words('-m 4G ? -device').map((text) => ({ text })));
  assert.equal(argv.complete, false);
  assert.equal(argv.problems.length, 1);
  assert.equal(argv.problems[0].code, 'missing-argument');
  assert.deepEqual(argv.problems[0].at.span(), { start: 8, end: 15 });
});

test('argv: JSON -device and -object, as libvirt writes them', () => {
  const argv = parseArgv(words('-device {"driver":"vfio-pci","host":"0000:06:12.1","id":"hostdev0"} -object {"qom-type":"acpi-generic-initiator","id":"gi0","pci-dev":"hostdev0","node":1} -object {"qom-type":').map((text) => ({ text })));
  const [dev, obj] = argv.options;
  assert.equal(lastValue(dev.props!, 'host')!.value.text, '0000:06:12.1');
  assert.deepEqual(lastValue(dev.props!, 'host')!.value.span(), { start: 37, end: 49 });
  assert.equal(lastValue(obj.props!, 'node')!.value.text, '1');
  assert.equal(lastValue(obj.props!, 'pci-dev')!.value.text, 'hostdev0');
  assert.equal(argv.problems.length, 1);
  assert.equal(argv.problems[0].code, 'bad-json');
});
