import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, cli } from '../support/cli.js';

// The CLI compiles its bundle with a V8 code cache kept in the user's cache folder (src/cli/bin.ts).
describe('the code cache of the CLI', () => {
  let dir: string;
  let cacheHome: string;
  const cacheDir = () => join(cacheHome, 'orchestra', 'code-cache');
  const version = (env: NodeJS.ProcessEnv = { XDG_CACHE_HOME: cacheHome }) => cli(['--version'], dir, env);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orchestra-code-cache-'));
    cacheHome = join(dir, 'cache');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is written by the first start of a command and used, unchanged, by the next', () => {
    const first = version();
    expect(first.code).toBe(0);
    const [name, ...others] = readdirSync(cacheDir());
    expect(others).toEqual([]);
    expect(name).toMatch(
      new RegExp(`^[0-9a-f]{16}-${process.version}-${process.arch}-[0-9a-f]{8}-other\\.bin$`),
    );
    const written = statSync(join(cacheDir(), name!)).mtimeMs;
    const second = version();
    expect(second).toEqual(first);
    expect(statSync(join(cacheDir(), name!)).mtimeMs).toBe(written);
    // Each command has its own: it runs other functions.
    expect(cli(['schema'], dir, { XDG_CACHE_HOME: cacheHome }).code).toBe(0);
    expect(readdirSync(cacheDir()).sort()).toEqual([name, name!.replace('-other.bin', '-schema.bin')].sort());
  });

  it('writes none after a usage error: a mistyped command leaves no cache of its own', () => {
    expect(cli(['bogus'], dir, { XDG_CACHE_HOME: cacheHome }).code).toBe(2);
    expect(cli(['run', '--bogus'], dir, { XDG_CACHE_HOME: cacheHome }).code).toBe(2);
    expect(existsSync(cacheDir())).toBe(false);
    version();
    expect(readdirSync(cacheDir())).toHaveLength(1);
  });

  it('keeps one cache for each set of Node flags: `node --flag` does not rewrite the plain one', () => {
    version();
    const [plain] = readdirSync(cacheDir());
    const written = statSync(join(cacheDir(), plain!)).mtimeMs;
    const flagged = spawnSync(process.execPath, ['--max-semi-space-size=4', CLI, '--version'], {
      cwd: dir,
      env: { ...process.env, XDG_CACHE_HOME: cacheHome },
      encoding: 'utf8',
    });
    expect(flagged.status).toBe(0);
    expect(readdirSync(cacheDir())).toHaveLength(2);
    version();
    expect(statSync(join(cacheDir(), plain!)).mtimeMs).toBe(written);
  });

  it('replaces a damaged cache and drops the caches of other builds', () => {
    version();
    const [name] = readdirSync(cacheDir());
    writeFileSync(join(cacheDir(), name!), 'not a code cache');
    writeFileSync(join(cacheDir(), name!.replace(/^[0-9a-f]{16}/, '0123456789abcdef')), 'stale');
    const r = version();
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(readdirSync(cacheDir())).toEqual([name]);
    // V8 took the new cache: the next start leaves it as it is.
    const repaired = statSync(join(cacheDir(), name!)).mtimeMs;
    expect(readFileSync(join(cacheDir(), name!), 'utf8')).not.toBe('not a code cache');
    version();
    expect(statSync(join(cacheDir(), name!)).mtimeMs).toBe(repaired);
  });

  it('is only a speed-up: the CLI works where no cache folder can be made', () => {
    writeFileSync(cacheHome, 'a file where the cache folder would go');
    const r = version();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
