#!/usr/bin/env node
// The main job on the bundled sample workspace (examples/): the layout of
// each device its profile declares, computed by the model the editor uses.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'vfio-lens.js');
const profile = JSON.parse(readFileSync(path.join(root, 'examples', '.vfio-lens.json'), 'utf8'));
for (const d of profile.devices) {
  const args = ['layout', '--kernel', d.kernel ?? profile.kernel ?? 'mainline'];
  if (d.sku) args.push('--sku', d.sku);
  if (d.memphys) args.push('--memphys', d.memphys);
  if (d.memlength) args.push('--memlength', d.memlength);
  if (d.migHwBug !== undefined) args.push(d.migHwBug ? '--mig-hw-bug' : '--no-mig-hw-bug');
  process.stdout.write(`\n== ${d.name} (${d.bdf ?? 'no BDF'})\n`);
  spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
}
