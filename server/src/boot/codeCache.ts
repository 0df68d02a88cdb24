// Loads a CommonJS bundle through V8's code cache. Compiling the 1.4 MB
// server bundle is most of the server's start-up on Node 20 (which has no
// module.enableCompileCache); with the cache, spawn → initialize drops by
// about a third. The cache lives next to the bundle, in a directory only
// its owner can write, and is only ever produced by us from our own bundle;
// V8 rejects it by itself when the source, the V8 version or its flags differ.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module from 'node:module';

function cacheFileFor(bundle: string, stat: fs.Stats): string {
  const dir = path.join(path.dirname(bundle), '.v8-cache');
  const key = `${path.basename(bundle)}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.versions.v8}-${process.arch}`;
  return path.join(dir, key.replace(/[^A-Za-z0-9._-]/g, '_') + '.bin');
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only install simply runs without a cache. */
function writeCache(file: string, data: Buffer): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    for (const old of fs.readdirSync(path.dirname(file))) {
      if (old.startsWith(path.basename(file).split('-')[0] + '-')) fs.rmSync(path.join(path.dirname(file), old), { force: true });
    }
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    /* no cache this time */
  }
}

/** Runs `bundle` as the main module would run, compiled from the code cache when there is a valid one. */
export function runWithCodeCache(bundle: string): void {
  if (process.env.VFIO_LENS_NO_CODE_CACHE) {
    require(bundle);
    return;
  }
  const stat = fs.statSync(bundle);
  const cacheFile = cacheFileFor(bundle, stat);
  const cachedData = readCache(cacheFile);
  const source = fs.readFileSync(bundle, 'utf8');
  // esbuild turns the bundles' dynamic import()s into require()s: a vm.Script has no loader for them.
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  wrapper.call(mod.exports, mod.exports, req, mod, bundle, path.dirname(bundle));
  // After the first run the cache also holds the functions compiled so far.
  if (!cachedData || script.cachedDataRejected) writeCache(cacheFile, script.createCachedData());
}
