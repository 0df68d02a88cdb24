// The sample workspace (examples/) as a person checks it in a workbench: what
// each file is expected to show, for gh200-lab (the GH200 96 GB SKU, kernel
// mainline), the device examples/.vfio-lens.json makes active. Used by the
// browser suite and the test of `npm start`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES, type Workbench } from './workbench';

/** 1-based line and column of the first `needle` in a sample file, as Ctrl+G takes them. */
export function lineOf(file: string, needle: string): { line: number; column: number } {
  const lines = fs.readFileSync(path.join(EXAMPLES, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} is in examples/${file}`);
  return { line: i + 1, column: lines[i].indexOf(needle) + 1 };
}

/** Opens the driver and hovers USEMEM_REGION_INDEX with the mouse: region 4, fd offset 4 << 40, a 128 GiB BAR for 95 GiB. */
export async function hoverUsememIndex(wb: Workbench): Promise<string> {
  await wb.quickOpen('main.c');
  const at = lineOf('driver/main.c', '#define USEMEM_REGION_INDEX');
  await wb.gotoLine(at.line, at.column);
  const hover = await wb.mouseHover('USEMEM_REGION_INDEX', 'VFIO region 4');
  for (const part of [
    'USEMEM_REGION_INDEX = 4 · int',
    'VFIO region 4 · BAR4 · fd offset 0x40000000000',
    'device memory 0x400000000000–0x4017bfffffff (95 GiB)',
    'BAR size 0x2000000000 (128 GiB), padding 0x840000000 (33 GiB, 25.8%',
  ]) {
    assert.ok(hover.includes(part), `the hover reads "${part}": ${hover}`);
  }
  assert.match(hover, /gh200-lab · kernel mainline \(\d+\.\d+\), 6\.14\+ rules · 64 KiB pages/);
  return hover;
}

/**
 * Opens the DSDT excerpt at its second GPU, whose 95.75 GiB is not a whole
 * number of 512 MiB blocks past the carve-out: a blue squiggle (NVG005, info).
 */
export async function dsdInfoSquiggle(wb: Workbench): Promise<string> {
  await wb.quickOpen('gpu-dsd.asl');
  const at = lineOf('acpi/gpu-dsd.asl', '0x00000017F0000000');
  await wb.gotoLine(at.line, at.column);
  const hover = await wb.hoverSquiggle('info', 'NVG005');
  assert.ok(hover.startsWith('256 MiB (0x10000000) of device memory goes to the uncached resmem, not to usemem'), hover);
  assert.ok(hover.includes('(resmem 1.25 GiB, BAR 2 GiB)'), hover);
  return hover;
}

/** Runs vfio-lens: Show BAR Layout from the palette and waits for the view to draw gh200-lab's apertures. */
export async function showLayout(wb: Workbench): Promise<void> {
  await wb.runCommand('vfio-lens: Show BAR Layout');
  const view = wb.webview();
  await view.locator('#device', { hasText: 'gh200-lab' }).waitFor();
  const bars = view.locator('[data-drawing="bars"] svg text');
  await bars.filter({ hasText: 'BAR4 (usemem): 128 GiB aperture, write-back' }).waitFor();
  await bars.filter({ hasText: 'BAR2 (resmem): 1 GiB aperture, write-combine' }).waitFor();
}
