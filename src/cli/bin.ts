#!/usr/bin/env -S node --max-semi-space-size=4
// A small young generation: a run that streams gigabytes of agent output stays under 100 MB
// (the default lets V8 grow it to ~48 MB before collecting). See bench/memory.mjs.
//
// The CLI's entry point (dist/bin/orchestra.cjs): runs the CLI bundle (dist/bin/bundle.cjs, made
// by scripts/bundle.mjs from main.ts) compiled with a V8 code cache kept in the user's cache folder.
// The entry is CommonJS: loading an ES module entry costs Node 20 ~7 ms more of its start.
// Node 20 compiles ES modules from their source at every start (it has no compile cache before 22):
// for `orchestra run` that took about 60 ms of a start-up of 120 ms beyond `node -e 0`. From the
// cache, V8 compiles the bundle in about a quarter of that time, and the functions the command ran
// need no compiling either. Each command has a cache of its own (they run different code), written
// when its first run of a build (with this Node) exits; a missing or unwritable cache folder only
// costs that speed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** The bundle's content hash, set by scripts/bundle.mjs: a cache is only used for the code it was made from. */
declare const BUNDLE_HASH: string;

type CommonJsBody = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
) => void;

const filename = fileURLToPath(new URL('./bundle.cjs', import.meta.url));
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'orchestra', 'code-cache');
// V8 refuses a cache of another V8 version or made with other flags (the shebang's, or none when
// run as `node dist/bin/orchestra.cjs`): naming them keeps one cache for each instead of one that
// each rewrites.
const flags = createHash('sha256')
  .update(`${process.execArgv.join('\0')}\0${process.env.NODE_OPTIONS ?? ''}`)
  .digest('hex')
  .slice(0, 8);
const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2]! : 'other';
const cacheName = `${BUNDLE_HASH}-${process.version}-${process.arch}-${flags}-${command}.bin`;

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(join(cacheDir, cacheName));
} catch {
  // None yet: compiled from source, and the cache written below.
}
// The bundle is ASCII only (scripts/bundle.mjs escapes the rest), which latin1 reads fastest.
const source = readFileSync(filename, 'latin1');
const script = new Script(
  `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
  cachedData ? { filename, cachedData } : { filename },
);
// At exit, the cache holds the functions the command compiled, not only the bundle's top level: a
// one-task run took 0.9x the CPU time it took with a cache made before running.
if (cachedData === undefined || script.cachedDataRejected)
  process.once('exit', () => saveCache(script.createCachedData()));
const module = { exports: {} };
(script.runInThisContext() as CommonJsBody)(
  module.exports,
  createRequire(filename),
  module,
  filename,
  dirname(filename),
);

/** Writes the cache whole or not at all (other processes may be reading it), and drops the caches of other builds. */
function saveCache(data: Buffer): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temp = join(cacheDir, `${cacheName}.${process.pid}.tmp`);
    writeFileSync(temp, data);
    renameSync(temp, join(cacheDir, cacheName));
    for (const name of readdirSync(cacheDir))
      if (!name.startsWith(BUNDLE_HASH)) rmSync(join(cacheDir, name), { force: true });
  } catch {
    // A read-only home: every start compiles from source, as without a cache.
  }
}
