// A driver tree for `vfio-lens check`: files in subfolders the way a
// kernel tree holds variant drivers, each a one-block driver with its own
// names (seeded), so no two files are the same.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateDriver } from './driver';

export interface TreeInfo {
  readonly files: string[];
  readonly bytes: number;
}

export function writeDriverTree(root: string, files: number): TreeInfo {
  const written: string[] = [];
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, 'drivers', 'vfio', 'pci', `variant${i % 25}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `main${i}.c`);
    const text = generateDriver({ seed: i + 1 });
    fs.writeFileSync(file, text);
    written.push(file);
    bytes += text.length;
  }
  return { files: written, bytes };
}
