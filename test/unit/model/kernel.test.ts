import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAINLINE, faultMappedMmap, parseKernel, readinessTimeoutIgnored } from '../../../server/src/model';

test('versions map to the two generations', () => {
  const gen = (v: string) => {
    const r = parseKernel(v);
    assert.ok(r.ok, v);
    return r.kernel.generation;
  };
  assert.equal(gen('6.9'), 'split-always');
  assert.equal(gen('6.13'), 'split-always');
  assert.equal(gen('6.14'), 'mig-aware');
  assert.equal(gen('6.14.3'), 'mig-aware');
  assert.equal(gen('v6.19-rc2'), 'mig-aware');
  assert.equal(gen('7.0'), 'mig-aware');
  assert.equal(gen('mainline'), 'mig-aware');
});

test('mainline names the newest known version and keeps its name', () => {
  const r = parseKernel('Mainline');
  assert.ok(r.ok);
  assert.equal(r.kernel.version, MAINLINE);
  assert.equal(r.kernel.requested, 'mainline');
  assert.equal(r.kernel.beyondKnown, false);
});

test('kernels before the merge and junk are refused with a reason', () => {
  const old = parseKernel('6.8');
  assert.equal(old.ok, false);
  assert.match(!old.ok ? old.message : '', /merged in 6\.9/);
  const junk = parseKernel('latest');
  assert.equal(junk.ok, false);
  assert.match(!junk.ok ? junk.message : '', /not a version/);
});

test('a kernel newer than the model knows is accepted and flagged', () => {
  const r = parseKernel('7.9');
  assert.ok(r.ok);
  assert.equal(r.kernel.beyondKnown, true);
});

test('the readiness timeout is lost on 6.14–6.18 only; mmap is fault-driven from 6.19 (domain §5.3, §4)', () => {
  const k = (v: string) => {
    const r = parseKernel(v);
    assert.ok(r.ok, v);
    return r.kernel;
  };
  const ignored = ['6.9', '6.13', '6.14', '6.18', '6.18.7', '6.19', '7.0', 'mainline'].map((v) => readinessTimeoutIgnored(k(v)));
  assert.deepEqual(ignored, [false, false, true, true, true, false, false, false]);
  const fault = ['6.14', '6.18', '6.19', '7.0'].map((v) => faultMappedMmap(k(v)));
  assert.deepEqual(fault, [false, false, true, true]);
});
