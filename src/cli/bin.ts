#!/usr/bin/env node
// No node flags: any flag (`--max-semi-space-size=4` was one) makes V8 refuse Node's own code cache
// for its built-in modules, which then cost a run ~30 ms more to start. (What a run that streams a
// gigabyte of agent output holds is what V8 has not collected yet: see bench/memory.mjs.)
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
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { ExitCode } from './exit-codes.js';

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
const flags = fnv1a(`${process.execArgv.join('\0')}\0${process.env.NODE_OPTIONS ?? ''}`);
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
// one-task run took 0.9x the CPU time it took with a cache made before running. Not after a usage
// error: nothing of the command ran, and a mistyped command would leave a cache of its own name.
if (cachedData === undefined || script.cachedDataRejected)
  process.once('exit', (code) => {
    if (code !== ExitCode.usage) saveCache(script.createCachedData());
  });
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

/**
 * A name for a text (FNV-1a, 32 bits, in hex): loading node:crypto for this took every command's
 * start ~4 ms, commands that need no hash too (`--help`).
 */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
