// `npm start` where VS Code is not installed: code-server with the packaged
// extension on 127.0.0.1, its URL printed, the sample workspace showing
// hovers, diagnostics and the layout view for real; Ctrl-C stops everything.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { dsdInfoSquiggle, hoverUsememIndex, showLayout } from './support/sample';
import { ROOT, Workbench } from './support/workbench';

test('npm start serves the sample workspace with vfio-lens working in it — a hover, a squiggle, the layout view — and Ctrl-C stops it', async () => {
  // Its own process group, so the test can check that nothing of it survives.
  const start = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--code-server'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killAll = () => {
    try {
      process.kill(-start.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  after(killAll);
  let output = '';
  const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      output += b;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output);
      if (m && output.includes('Ctrl-C stops it')) resolve(m[1]);
    };
    start.stdout!.on('data', onData);
    start.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${output}`)));
  });
  assert.match(url, /\?folder=.*\/examples$/);

  const wb = await Workbench.visit(url, 'npm-start');
  try {
    await wb.quickOpen('.vfio-lens.json');
    await wb.showOutputChannel('vfio-lens');
    await wb.outputMatching(/vfio-lens \S+ running on Node/);
    await wb.screenshot('loaded');
    await hoverUsememIndex(wb);
    await wb.screenshot('hover');
    await dsdInfoSquiggle(wb);
    await wb.screenshot('squiggle');
    await wb.quickOpen('main.c');
    await showLayout(wb);
    await wb.screenshot('layout');
  } finally {
    await wb.close();
  }

  process.kill(start.pid!, 'SIGINT'); // what Ctrl-C sends (code-server is in a group of its own)
  assert.equal(await exited, 0, output);
  await assert.rejects(fetch(url), 'nothing listens on the port any more');
});
